/**
 * A server node as its own process, started with the same command and environment a pod runs
 * (`node apps/server/src/main.ts` with PORT, DATABASE_URL, the Redis variables, AUTH_SECRET,
 * NODE_ID), and reported ready only when its readiness probe answers 200.
 */
import { join } from 'node:path'
import { freePort } from './freePort.ts'
import { ManagedProcess } from './ManagedProcess.ts'
import { REPO_ROOT } from './repoRoot.ts'
import { waitFor } from './waitFor.ts'

export interface NodeSpec {
  nodeId: string
  env: Record<string, string>
  /** Defaults to the server's entry point; the chart-driven harness passes the rendered command. */
  command?: string[]
  readinessPath?: string
  /** Serve probes and metrics on their own free port (MANAGEMENT_PORT), as the chart's pods do. */
  managementPort?: boolean
}

export interface ServerNode {
  nodeId: string
  port: number
  url: string
  /** Where /healthz, /readyz and /metrics answer: `url`, or the MANAGEMENT_PORT listener. */
  managementUrl: string
  wsUrl: string
  process: ManagedProcess
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<number | null>
  /** SIGKILL: a crash. */
  kill(): Promise<void>
  /** Starts again on the same port with the same environment. */
  start(): Promise<void>
  readyz(): Promise<{ status: number; body: unknown }>
}

export async function startNode(spec: NodeSpec): Promise<ServerNode> {
  const port = Number(spec.env.PORT) || (await freePort())
  const url = `http://127.0.0.1:${port}`
  const managementPort = spec.managementPort ? await freePort() : undefined
  const managementUrl = managementPort ? `http://127.0.0.1:${managementPort}` : url
  const command = spec.command ?? [process.execPath, join('apps', 'server', 'src', 'main.ts')]
  const readinessPath = spec.readinessPath ?? '/readyz'
  const readyz = async () => {
    const response = await fetch(`${managementUrl}${readinessPath}`)
    return { status: response.status, body: await response.json().catch(() => null) }
  }
  const launch = async () => {
    const [bin, ...args] = command
    const child = new ManagedProcess(`node:${spec.nodeId}`, bin as string, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...spec.env,
        PORT: String(port),
        ...(managementPort ? { MANAGEMENT_PORT: String(managementPort) } : {}),
        NODE_ID: spec.nodeId,
      },
    })
    await waitFor(
      `${spec.nodeId} ready on ${port}`,
      async () => {
        if (!child.running) throw new Error(`exited: ${child.logs(20)}`)
        return (await readyz()).status === 200
      },
      // Generous: on a machine shared by several suites a node's start took over 30 s.
      { timeoutMs: 90_000, intervalMs: 100 },
    ).catch((error) => {
      child.child.kill('SIGKILL')
      throw new Error(`${error.message}\n${child.logs()}`)
    })
    return child
  }
  const node: ServerNode = {
    nodeId: spec.nodeId,
    port,
    url,
    managementUrl,
    wsUrl: `ws://127.0.0.1:${port}`,
    process: await launch(),
    async stop() {
      return (await node.process.stop(30_000)).code
    },
    async kill() {
      await node.process.kill()
    },
    async start() {
      node.process = await launch()
    },
    readyz,
  }
  return node
}
