/**
 * The multi-node harness: a real Redis, a real Postgres (migrated with `npm run db:migrate`'s
 * code path), and N server nodes sharing them. Every part can be stopped, killed and restarted.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { type PostgresInstance, startPostgres } from './postgres.ts'
import { type RedisInstance, startRedis } from './redis.ts'
import { REPO_ROOT } from './repoRoot.ts'
import { type ServerNode, startNode } from './serverNode.ts'

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
}

export interface Fleet {
  redis: RedisInstance
  postgres: PostgresInstance
  databaseUrl: string
  nodes: ServerNode[]
  env: Record<string, string>
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
  const nodes: ServerNode[] = []
  const addNode = async (nodeId = NODE_NAMES[nodes.length] ?? `node-${nodes.length}`) => {
    const node = await startNode({ nodeId, env })
    nodes.push(node)
    return node
  }
  try {
    for (let i = 0; i < (options.nodes ?? 2); i++) await addNode()
  } catch (error) {
    await Promise.all(nodes.map((node) => node.kill()))
    throw error
  }
  return {
    redis,
    postgres,
    databaseUrl,
    nodes,
    env,
    addNode,
    async restartAll() {
      await Promise.all(nodes.map((node) => node.stop()))
      for (const node of nodes) await node.start()
    },
    async destroy() {
      await Promise.all(nodes.map((node) => node.kill()))
      if (!options.redis) await redis.destroy()
      if (!options.postgres) await postgres.destroy()
    },
  }
}
