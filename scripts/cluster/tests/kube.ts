// kubectl and helm against the local cluster (KUBECONFIG from `npm run cluster -- up`), with
// bounded timeouts; failures carry the tool's own stderr, which is what a user would read.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { waitFor } from '../../../packages/testkit/src/waitFor.ts'
import { bin } from '../paths.ts'

export const KUBECONFIG = process.env.KUBECONFIG ?? ''
export const TIER = Number(process.env.WEFT_CLUSTER_TIER ?? '1')
const HELM = process.env.HELM_BIN ?? 'helm'
const KUBECTL = process.env.KUBECTL_BIN ?? bin('kubectl')

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

function run(
  command: string,
  args: string[],
  input?: string,
  timeoutMs = 180_000,
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      args,
      { env: { ...process.env, KUBECONFIG }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
    if (input !== undefined) child.stdin?.end(input)
  })
}

async function ok(
  command: string,
  args: string[],
  input?: string,
  timeoutMs?: number,
): Promise<string> {
  const result = await run(command, args, input, timeoutMs)
  if (result.code !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.code}):\n${result.stderr}${result.stdout}`,
    )
  return result.stdout
}

export const kubectl = (args: string[], input?: string) => ok(KUBECTL, args, input)
export const kubectlResult = (args: string[], input?: string) => run(KUBECTL, args, input)
/** `timeoutMs` bounds the helm process (default 3 min); pass more with `--wait --timeout`. */
export const helm = (args: string[], timeoutMs?: number) => ok(HELM, args, undefined, timeoutMs)
export const helmResult = (args: string[]) => run(HELM, args)

export interface KubeObject {
  kind: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    ownerReferences?: { kind: string; name: string }[]
  }
  spec?: Record<string, unknown>
  status?: Record<string, unknown>
}

/** The pod template's annotations of a Deployment or ReplicaSet. */
export function templateAnnotations(o: KubeObject): Record<string, string> {
  const template = o.spec?.template as
    | { metadata?: { annotations?: Record<string, string> } }
    | undefined
  return template?.metadata?.annotations ?? {}
}

export async function getList(
  kind: string,
  namespace: string,
  selector?: string,
): Promise<KubeObject[]> {
  const args = ['get', kind, '-n', namespace, '-o', 'json']
  if (selector) args.push('-l', selector)
  return (JSON.parse(await kubectl(args)) as { items: KubeObject[] }).items
}

export async function getObject(
  kind: string,
  name: string,
  namespace: string,
): Promise<KubeObject | undefined> {
  const result = await run(KUBECTL, ['get', kind, name, '-n', namespace, '-o', 'json'])
  if (result.code !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return undefined
    throw new Error(result.stderr)
  }
  return JSON.parse(result.stdout) as KubeObject
}

/** Waits (bounded, generous: the machine is shared) until `check` holds. */
export const eventually = <T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 120_000,
) => waitFor(what, check, { timeoutMs, intervalMs: 1_000 })

/** A namespace of its own per test, deleted afterwards (the namespace controller empties it). */
export async function freshNamespace(name: string): Promise<string> {
  await kubectlResult(['delete', 'namespace', name, '--wait=true', '--timeout=120s'])
  await kubectl(['create', 'namespace', name])
  return name
}

export async function dropNamespace(name: string) {
  await kubectlResult(['delete', 'namespace', name, '--wait=false'])
}

/** Writes a values file and returns its path. */
export function valuesFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cluster-values-'))
  const path = join(dir, `${name}.yaml`)
  writeFileSync(path, text)
  return path
}
