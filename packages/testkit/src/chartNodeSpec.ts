// One of the Helm chart's pods (server or presence) as a local process spec: the rendered
// command, environment and readiness probe path, with the container ports remapped to free
// loopback ports as a pod network would give each pod its own.
import { renderChartPods } from './chartPods.ts'
import type { NodeSpec } from './serverNode.ts'

export interface ChartNodeSpecOptions {
  nodeId: string
  component?: 'server' | 'presence'
  /** Values merged over the chart defaults (the release under test). */
  values: Record<string, unknown>
  /** Secrets the values name (`existingSecret`s), resolved into the pod's environment. */
  secrets?: Record<string, Record<string, string>>
  /** Extra environment on top of the pod's (test settings, this test's PRESENCE_URL). */
  env?: Record<string, string>
}

export function chartNodeSpec(options: ChartNodeSpecOptions): NodeSpec {
  const component = options.component ?? 'server'
  const pods = renderChartPods({
    values: options.values,
    secrets: options.secrets ?? {},
    podName: () => options.nodeId,
  })
  const pod = component === 'server' ? pods.server : pods.presence
  if (!pod) throw new Error(`the chart rendered no ${component} Deployment`)
  // The container port becomes a free loopback port (startNode picks one when PORT is unset), and
  // MANAGEMENT_PORT (probes and metrics) another one. PRESENCE_URL names the in-cluster Service;
  // the caller's own presence replica replaces it (through `env`).
  const {
    PORT: _containerPort,
    MANAGEMENT_PORT: managementPort,
    PRESENCE_URL: _presenceService,
    ...podEnv
  } = pod.env
  const [bin, ...args] = pod.argv
  return {
    nodeId: options.nodeId,
    // The image's `node` is this process's Node 24.
    command: [bin === 'node' ? process.execPath : (bin as string), ...args],
    env: { ...podEnv, ...options.env },
    readinessPath: pod.readinessProbe?.path ?? '/readyz',
    managementPort: managementPort !== undefined,
  }
}
