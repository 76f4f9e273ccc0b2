// The render-time `lookup` of existingSecrets: a missing Secret or key fails the install with a
// clear line; without a cluster (helm template, client dry-run) the check is skipped.
//
// No cluster runs in this suite, so helm talks to a small HTTP endpoint that answers the three
// requests its lookup makes (API discovery, the v1 resource list, the namespace's Secret list)
// with the Secrets a namespace would hold. The cluster tests install the chart on a real API server.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { promisify } from 'node:util'
import { helmBin } from '../../../packages/testkit/src/chartPods.ts'
import { CHART_DIR, runHelm, scenarios } from './chart.ts'

const existingSecrets = scenarios.find(([name]) => name === 'existing-secrets')?.[1] as string
let secrets: { name: string; keys: string[] }[] = []
let server: Server
let work: string
let kubeconfig: string

function answer(path: string): unknown {
  if (path === '/api')
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] }
  if (path === '/apis') return { kind: 'APIGroupList', apiVersion: 'v1', groups: [] }
  if (path === '/api/v1')
    return {
      kind: 'APIResourceList',
      groupVersion: 'v1',
      resources: [
        {
          name: 'secrets',
          singularName: 'secret',
          namespaced: true,
          kind: 'Secret',
          verbs: ['get', 'list'],
        },
      ],
    }
  if (path === '/api/v1/namespaces/weft/secrets')
    return {
      kind: 'SecretList',
      apiVersion: 'v1',
      metadata: { resourceVersion: '1' },
      items: secrets.map((secret) => ({
        metadata: { name: secret.name, namespace: 'weft' },
        data: Object.fromEntries(secret.keys.map((key) => [key, 'eA=='])),
      })),
    }
  return undefined
}

before(async () => {
  server = createServer((request, response) => {
    const body = answer(new URL(request.url ?? '/', 'http://api').pathname)
    response.writeHead(body ? 200 : 404, { 'Content-Type': 'application/json' })
    response.end(
      JSON.stringify(
        body ?? {
          kind: 'Status',
          apiVersion: 'v1',
          status: 'Failure',
          reason: 'NotFound',
          code: 404,
        },
      ),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  work = mkdtempSync(join(tmpdir(), 'weft-lookup-'))
  kubeconfig = join(work, 'kubeconfig')
  writeFileSync(
    kubeconfig,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'c',
          cluster: { server: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
        },
      ],
      users: [{ name: 'u', user: { token: 'test' } }],
      contexts: [{ name: 'c', context: { cluster: 'c', user: 'u', namespace: 'weft' } }],
      'current-context': 'c',
    }),
  )
})

after(() => {
  server?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

/** helm against the endpoint above; asynchronous, since the endpoint answers from this process. */
async function renderAgainstCluster() {
  const args = ['template', 'weft', CHART_DIR, '--namespace', 'weft', '--values', existingSecrets]
  args.push('--dry-run=server', '--kubeconfig', kubeconfig)
  try {
    const { stdout, stderr } = await promisify(execFile)(helmBin(), args, { maxBuffer: 64 << 20 })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string }
    return { status: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' }
  }
}

const all = [
  { name: 'weft-auth', keys: ['jwt-hs256'] },
  { name: 'weft-postgres', keys: ['uri'] },
  { name: 'weft-redis', keys: ['uri'] },
]

describe('existingSecret lookup', () => {
  test('every referenced Secret and key present: renders', async () => {
    secrets = all
    const result = await renderAgainstCluster()
    assert.equal(result.status, 0, result.stderr)
  })

  test('a missing Secret, or a missing key, fails with one line naming it', async () => {
    secrets = all.filter((secret) => secret.name !== 'weft-redis')
    let result = await renderAgainstCluster()
    assert.notEqual(result.status, 0)
    assert.match(
      result.stderr,
      /redis\.existingSecret: Secret "weft-redis" does not exist in namespace "weft"/,
    )
    secrets = all.map((secret) =>
      secret.name === 'weft-postgres' ? { ...secret, keys: ['url'] } : secret,
    )
    result = await renderAgainstCluster()
    assert.notEqual(result.status, 0)
    assert.match(
      result.stderr,
      /database\.existingSecretKey: Secret "weft-postgres" has no key "uri"/,
    )
  })

  test('no cluster to ask (helm template) or nothing in the namespace: the check is skipped', async () => {
    assert.equal(
      runHelm(['template', 'weft', CHART_DIR, '--namespace', 'weft', '--values', existingSecrets])
        .status,
      0,
    )
    secrets = []
    const result = await renderAgainstCluster()
    assert.equal(result.status, 0, result.stderr)
  })
})
