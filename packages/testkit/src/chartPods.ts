/**
 * The pods of the Helm chart as local processes: renders `charts/weft` with `helm template`
 * and returns, for the server and presence Deployments, what a kubelet would run — command,
 * environment, port and probes — so the harness starts "pods" exactly as the chart defines them
 * and polls the rendered readiness probe.
 *
 * Secret references are resolved from a map the caller passes (Secret name → key → value);
 * Secrets the chart renders itself are resolved from the rendered manifests. `NODE_ID` and other
 * downward-API fields come from the pod name the caller chooses.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { REPO_ROOT } from './repoRoot.ts'

export const CHART_DIR = join(REPO_ROOT, 'charts', 'weft')

export type ChartComponent = 'server' | 'presence'

export interface ChartProbe {
  path: string
  port: number
  periodSeconds: number
  timeoutSeconds: number
  failureThreshold: number
}

export interface ChartPod {
  component: ChartComponent
  /** Container `command` followed by `args`: a command line run from the repo root. */
  argv: string[]
  command: string[]
  args: string[]
  env: Record<string, string>
  containerPort: number
  readinessProbe?: ChartProbe
  livenessProbe?: ChartProbe
  startupProbe?: ChartProbe
  terminationGracePeriodSeconds: number
  preStop?: string[]
}

export interface RenderChartPodsOptions {
  /** Values merged over the chart defaults (written to a temporary values file). */
  values?: Record<string, unknown>
  /** Extra values files, applied before `values`. */
  valuesFiles?: string[]
  /** Secret name → key → value, for `secretKeyRef` and `envFrom.secretRef` of existing Secrets. */
  secrets?: Record<string, Record<string, string>>
  /** Pod name per component (NODE_ID comes from it through the downward API). */
  podName?: (component: ChartComponent) => string
  releaseName?: string
  namespace?: string
}

export interface ChartPods {
  server: ChartPod
  presence?: ChartPod
  /** Every rendered object, for callers that need more. */
  objects: K8sObject[]
}

// The few Kubernetes shapes read here; the chart tests validate full objects against the API schema.
export interface K8sObject {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
  }
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are untyped JSON
  [field: string]: any
}

interface EnvVar {
  name: string
  value?: string
  valueFrom?: {
    secretKeyRef?: { name: string; key: string; optional?: boolean }
    configMapKeyRef?: { name: string; key: string; optional?: boolean }
    fieldRef?: { fieldPath: string }
  }
}

interface Probe {
  httpGet?: { path?: string; port: number | string }
  periodSeconds?: number
  timeoutSeconds?: number
  failureThreshold?: number
}

/** helm from $HELM_BIN, else PATH (scripts/ci/install-helm.sh installs it in /usr/local/bin). */
export function helmBin(): string {
  return process.env.HELM_BIN || 'helm'
}

export interface HelmResult {
  status: number
  stdout: string
  stderr: string
}

/** Runs helm with the given arguments from the repo root. */
export function runHelm(args: string[]): HelmResult {
  const result = spawnSync(helmBin(), args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.error) {
    throw new Error(
      `cannot run ${helmBin()} (${result.error.message}); install it with scripts/ci/install-helm.sh or set HELM_BIN`,
    )
  }
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr }
}

/** Parses a multi-document YAML stream into objects, dropping empty documents. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length > 0)
        throw new Error(`rendered YAML does not parse: ${doc.errors[0]?.message}`)
      return doc.toJS() as K8sObject | null
    })
    .filter((object): object is K8sObject => object !== null && typeof object === 'object')
}

export interface TemplateOptions {
  values?: Record<string, unknown>
  valuesFiles?: string[]
  set?: string[]
  releaseName?: string
  namespace?: string
  extraArgs?: string[]
}

/** `helm template` of charts/weft; throws with helm's message when rendering fails. */
export function templateChart(options: TemplateOptions = {}): K8sObject[] {
  const result = helmTemplate(options)
  if (result.status !== 0) throw new Error(`helm template failed:\n${result.stderr}`)
  return parseManifests(result.stdout)
}

/** `helm template` of charts/weft, returning helm's exit status and output. */
export function helmTemplate(options: TemplateOptions = {}): HelmResult {
  const work = mkdtempSync(join(tmpdir(), 'weft-chart-'))
  try {
    const args = [
      'template',
      options.releaseName ?? 'weft',
      CHART_DIR,
      '--namespace',
      options.namespace ?? 'weft',
    ]
    for (const file of options.valuesFiles ?? []) args.push('--values', file)
    if (options.values) {
      const file = join(work, 'values.json') // JSON is YAML
      writeFileSync(file, JSON.stringify(options.values))
      args.push('--values', file)
    }
    for (const assignment of options.set ?? []) args.push('--set', assignment)
    args.push(...(options.extraArgs ?? []))
    return runHelm(args)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Renders the chart and describes its server and presence pods. */
export function renderChartPods(options: RenderChartPodsOptions = {}): ChartPods {
  const releaseName = options.releaseName ?? 'weft'
  const namespace = options.namespace ?? 'weft'
  const objects = templateChart({
    values: options.values,
    valuesFiles: options.valuesFiles,
    releaseName,
    namespace,
  })
  const podName =
    options.podName ?? ((component: ChartComponent) => `${releaseName}-${component}-0`)
  const secrets = { ...renderedSecrets(objects), ...(options.secrets ?? {}) }
  const configMaps = renderedConfigMaps(objects)

  const podOf = (component: ChartComponent): ChartPod | undefined => {
    const deployment = objects.find(
      (o) =>
        o.kind === 'Deployment' && o.metadata.labels?.['app.kubernetes.io/component'] === component,
    )
    if (!deployment) return undefined
    const spec = deployment.spec.template.spec
    const container =
      spec.containers.find((c: { name: string }) => c.name === component) ?? spec.containers[0]
    const ports: { name?: string; containerPort: number }[] = container.ports ?? []
    const portOf = (port: number | string): number => {
      if (typeof port === 'number') return port
      const named = ports.find((p) => p.name === port)
      if (!named) throw new Error(`${component}: probe port "${port}" is not a container port`)
      return named.containerPort
    }
    const probe = (p: Probe | undefined): ChartProbe | undefined => {
      if (!p?.httpGet) return undefined
      return {
        path: p.httpGet.path ?? '/',
        port: portOf(p.httpGet.port),
        periodSeconds: p.periodSeconds ?? 10,
        timeoutSeconds: p.timeoutSeconds ?? 1,
        failureThreshold: p.failureThreshold ?? 3,
      }
    }
    const fields: Record<string, string> = {
      'metadata.name': podName(component),
      'metadata.namespace': namespace,
    }
    const env: Record<string, string> = {}
    for (const source of container.envFrom ?? []) {
      const from = source.secretRef
        ? secrets[source.secretRef.name]
        : configMaps[source.configMapRef?.name]
      if (!from && !(source.secretRef ?? source.configMapRef)?.optional) {
        throw new Error(
          `${component}: envFrom ${JSON.stringify(source)} is not among the given secrets`,
        )
      }
      for (const [key, value] of Object.entries(from ?? {}))
        env[`${source.prefix ?? ''}${key}`] = value
    }
    for (const variable of (container.env ?? []) as EnvVar[]) {
      const value = resolveEnv(component, variable, secrets, configMaps, fields)
      if (value !== undefined) env[variable.name] = value
    }
    const command: string[] = container.command ?? []
    const args: string[] = container.args ?? []
    return {
      component,
      argv: [...command, ...args],
      command,
      args,
      env,
      containerPort: portOf('http'),
      readinessProbe: probe(container.readinessProbe),
      livenessProbe: probe(container.livenessProbe),
      startupProbe: probe(container.startupProbe),
      terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
      preStop: container.lifecycle?.preStop?.exec?.command,
    }
  }

  const server = podOf('server')
  if (!server) throw new Error('the chart rendered no server Deployment')
  return { server, presence: podOf('presence'), objects }
}

function resolveEnv(
  component: string,
  variable: EnvVar,
  secrets: Record<string, Record<string, string>>,
  configMaps: Record<string, Record<string, string>>,
  fields: Record<string, string>,
): string | undefined {
  if (variable.value !== undefined) return String(variable.value)
  const from = variable.valueFrom
  if (!from) return ''
  const ref = from.secretKeyRef ?? from.configMapKeyRef
  if (ref) {
    const store = from.secretKeyRef ? secrets : configMaps
    const value = store[ref.name]?.[ref.key]
    if (value === undefined && !ref.optional) {
      const kind = from.secretKeyRef ? 'Secret' : 'ConfigMap'
      throw new Error(
        `${component}: ${variable.name} needs ${kind} ${ref.name} key ${ref.key}, which was not given`,
      )
    }
    return value
  }
  if (from.fieldRef) {
    const value = fields[from.fieldRef.fieldPath]
    if (value === undefined)
      throw new Error(
        `${component}: ${variable.name}: unsupported fieldRef ${from.fieldRef.fieldPath}`,
      )
    return value
  }
  throw new Error(`${component}: ${variable.name}: unsupported valueFrom ${JSON.stringify(from)}`)
}

function renderedSecrets(objects: K8sObject[]): Record<string, Record<string, string>> {
  const secrets: Record<string, Record<string, string>> = {}
  for (const object of objects) {
    if (object.kind !== 'Secret') continue
    const data: Record<string, string> = {}
    for (const [key, value] of Object.entries((object.data ?? {}) as Record<string, string>)) {
      data[key] = Buffer.from(value, 'base64').toString('utf8')
    }
    Object.assign(data, object.stringData ?? {})
    secrets[object.metadata.name] = data
  }
  return secrets
}

function renderedConfigMaps(objects: K8sObject[]): Record<string, Record<string, string>> {
  const maps: Record<string, Record<string, string>> = {}
  for (const object of objects) {
    if (object.kind === 'ConfigMap') maps[object.metadata.name] = { ...(object.data ?? {}) }
  }
  return maps
}
