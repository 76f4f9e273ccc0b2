/**
 * The multi-node harness: a real Redis, a real Postgres (migrated with `npm run db:migrate`'s
 * code path), and N server nodes sharing them. Every part can be stopped, killed and restarted.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { chartNodeSpec } from './chartNodeSpec.ts'
import { type PostgresInstance, startPostgres } from './postgres.ts'
import { type RedisInstance, startRedis } from './redis.ts'
import { REPO_ROOT } from './repoRoot.ts'
import { type NodeSpec, type ServerNode, startNode } from './serverNode.ts'

export interface FleetOptions {
  nodes?: number
  /** Enables token checks on every node. */
  authSecret?: string
  /** Extra environment for every node. */
  env?: Record<string, string>
  /** Reuse servers (one Postgres per test file, say) instead of starting new ones. */
  postgres?: PostgresInstance
  redis?: RedisInstance
  databaseName?: string
  /**
   * Start each node as the Helm chart's server Deployment defines its pod: the rendered command,
   * environment (Secrets resolved to this fleet's Redis, Postgres and AUTH_SECRET; NODE_ID from
   * the pod name) and readiness probe path. Ports are remapped to free loopback ports, as a pod
   * network would give each pod its own. Needs `helm` (scripts/ci/install-helm.sh).
   */
  fromChart?: boolean
  /** Also start the presence service (nodes forward /api/presence to it). */
  presence?: boolean
}

export interface Fleet {
  redis: RedisInstance
  postgres: PostgresInstance
  databaseUrl: string
  nodes: ServerNode[]
  /** The presence service replicas, when started. */
  presence: ServerNode[]
  env: Record<string, string>
  addPresence(): Promise<ServerNode>
  addNode(nodeId?: string): Promise<ServerNode>
  /** Stops every node gracefully and starts it again (a full restart of the fleet). */
  restartAll(): Promise<void>
  destroy(): Promise<void>
}

export function migrate(databaseUrl: string): void {
  const result = spawnSync(process.execPath, [join('packages', 'db', 'src', 'cli', 'migrate.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`db:migrate failed: ${result.stderr}${result.stdout}`)
}

/** The chart's server (or presence) pod for this fleet, as a process spec. */
function fleetChartNodeSpec(
  nodeId: string,
  fleetEnv: Record<string, string>,
  component: 'server' | 'presence' = 'server',
): NodeSpec {
  // Without an AUTH_SECRET the fleet is a development install (nodeEnv: development, open dev
  // mode, allowed on purpose), the chart's own way of running without tokens — what the browser
  // suites use.
  const auth = fleetEnv.AUTH_SECRET
    ? { auth: { existingSecret: 'harness-auth' } }
    : { nodeEnv: 'development', allowOpenDevMode: true }
  return chartNodeSpec({
    nodeId,
    component,
    values: {
      ...auth,
      database: { existingSecret: 'harness-postgres' },
      redis: { existingSecret: 'harness-redis' },
    },
    secrets: {
      'harness-auth': { 'auth-secret': fleetEnv.AUTH_SECRET ?? 'harness-secret-0123456789' },
      'harness-postgres': { 'database-url': fleetEnv.DATABASE_URL as string },
      'harness-redis': { 'redis-url': fleetEnv.REDIS_URL as string },
    },
    env: Object.fromEntries(
      Object.entries(fleetEnv).filter(
        ([key]) => !['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET'].includes(key),
      ),
    ),
  })
}

const NODE_NAMES = ['node-a', 'node-b', 'node-c', 'node-d', 'node-e', 'node-f']

export async function startFleet(options: FleetOptions = {}): Promise<Fleet> {
  const [redis, postgres] = await Promise.all([
    options.redis ?? startRedis(),
    options.postgres ?? startPostgres(),
  ])
  const databaseUrl = options.databaseName
    ? await postgres.createDatabase(options.databaseName)
    : postgres.url
  migrate(databaseUrl)
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    ...(options.authSecret ? { AUTH_SECRET: options.authSecret } : {}),
    ...options.env,
  }
  const presence: ServerNode[] = []
  const addPresence = async () => {
    const nodeId = `presence-${presence.length + 1}`
    const replica = await startNode(
      options.fromChart
        ? fleetChartNodeSpec(nodeId, env, 'presence')
        : { nodeId, env, command: [process.execPath, join('apps', 'presence', 'src', 'main.ts')] },
    )
    presence.push(replica)
    return replica
  }
  if (options.presence) {
    await addPresence()
    env.PRESENCE_URL = (presence[0] as ServerNode).url
  }
  const nodes: ServerNode[] = []
  const addNode = async (nodeId = NODE_NAMES[nodes.length] ?? `node-${nodes.length}`) => {
    const node = await startNode(
      options.fromChart ? fleetChartNodeSpec(nodeId, env) : { nodeId, env },
    )
    nodes.push(node)
    return node
  }
  try {
    for (let i = 0; i < (options.nodes ?? 2); i++) await addNode()
  } catch (error) {
    await Promise.all([...nodes, ...presence].map((node) => node.kill()))
    throw error
  }
  return {
    redis,
    postgres,
    databaseUrl,
    nodes,
    presence,
    env,
    addNode,
    addPresence,
    async restartAll() {
      await Promise.all(nodes.map((node) => node.stop()))
      for (const node of nodes) await node.start()
    },
    async destroy() {
      await Promise.all([...nodes, ...presence].map((node) => node.kill()))
      if (!options.redis) await redis.destroy()
      if (!options.postgres) await postgres.destroy()
    },
  }
}
