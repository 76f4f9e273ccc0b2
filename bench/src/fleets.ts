/**
 * The two fleets a benchmark runs side by side: ours (testkit's startFleet: real node
 * processes, Redis, Postgres) and the reference (bare Hocuspocus + stock Redis extension, and
 * optionally the stock Database extension, as processes). Each gets its own redis-server and
 * its own database on one shared Postgres, so neither sees the other's traffic.
 */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import {
  freePort,
  ManagedProcess,
  type PostgresInstance,
  REPO_ROOT,
  type RedisInstance,
  startFleet,
  startRedis,
  waitFor,
} from '@weft/testkit'
import pg from 'pg'

export type FleetKind = 'weft' | 'hocuspocus'

export interface BenchNode {
  wsUrl: string
  process: ManagedProcess
}

export interface BenchFleet {
  kind: FleetKind
  label: string
  nodes: BenchNode[]
  redis: RedisInstance
  databaseUrl?: string
  /** Bytes the fleet keeps in Postgres for a document, by part. */
  storedBytes(documentName: string): Promise<Record<string, number>>
  destroy(): Promise<void>
}

export interface FleetRequest {
  kind: FleetKind
  nodes: number
  postgres: PostgresInstance
  /** Reference only: store full states with @hocuspocus/extension-database. */
  persistence: boolean
  /** Node processes write a V8 CPU profile into this directory. */
  cpuProfDir?: string
  tag: string
}

export async function startBenchFleet(request: FleetRequest): Promise<BenchFleet> {
  return request.kind === 'weft' ? startWeft(request) : startReference(request)
}

async function startWeft(request: FleetRequest): Promise<BenchFleet> {
  const redis = await startRedis()
  const fleet = await startFleet({
    nodes: request.nodes,
    postgres: request.postgres,
    redis,
    databaseName: `weft_${request.tag}`,
    env: {
      LOG_LEVEL: 'error',
      ...(request.cpuProfDir
        ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${request.cpuProfDir}` }
        : {}),
    },
  })
  return {
    kind: 'weft',
    label: 'weft',
    nodes: fleet.nodes.map((node) => ({ wsUrl: node.wsUrl, process: node.process })),
    redis,
    databaseUrl: fleet.databaseUrl,
    storedBytes: (name) =>
      queryOne(
        fleet.databaseUrl,
        `SELECT
           COALESCE((SELECT octet_length(state) FROM snapshots WHERE document_name = $1
                     ORDER BY id DESC LIMIT 1), 0)::int AS snapshot,
           COALESCE((SELECT sum(octet_length(update)) FROM document_updates
                     WHERE document_name = $1 AND snapshot_id IS NULL), 0)::int AS uncompacted,
           COALESCE((SELECT count(*) FROM document_updates
                     WHERE document_name = $1 AND snapshot_id IS NULL), 0)::int AS uncompacted_rows,
           COALESCE((SELECT sum(octet_length(update)) FROM document_updates
                     WHERE document_name = $1), 0)::bigint AS history_log`,
        [name],
      ),
    async destroy() {
      // SIGTERM first so a profile, if requested, is written.
      await Promise.all(fleet.nodes.map((node) => node.process.stop(10_000)))
      await fleet.destroy()
    },
  }
}

async function startReference(request: FleetRequest): Promise<BenchFleet> {
  const redis = await startRedis()
  let databaseUrl: string | undefined
  if (request.persistence) {
    databaseUrl = await request.postgres.createDatabase(`ref_${request.tag}`)
    await queryOne(
      databaseUrl,
      'CREATE TABLE IF NOT EXISTS reference_documents (name text PRIMARY KEY, state bytea NOT NULL, stored_at timestamptz NOT NULL)',
    )
  }
  const nodes: BenchNode[] = []
  for (let i = 0; i < request.nodes; i++) {
    const port = await freePort()
    const args = [
      ...(request.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${request.cpuProfDir}`] : []),
      join('bench', 'src', 'reference', 'hocuspocusNode.ts'),
    ]
    const child = new ManagedProcess(`ref-${i}`, process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        REDIS_URL: redis.url,
        NODE_ID: `ref-${i}`,
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      },
    })
    await waitFor(
      `reference node ${i}`,
      async () => {
        if (!child.running) throw new Error(child.logs())
        return (await fetch(`http://127.0.0.1:${port}/`)).ok
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    )
    nodes.push({ wsUrl: `ws://127.0.0.1:${port}`, process: child })
  }
  return {
    kind: 'hocuspocus',
    label: request.persistence ? 'hocuspocus+redis+database' : 'hocuspocus+redis',
    nodes,
    redis,
    databaseUrl,
    storedBytes: async (name) =>
      databaseUrl
        ? queryOne(
            databaseUrl,
            'SELECT COALESCE((SELECT octet_length(state) FROM reference_documents WHERE name = $1), 0)::int AS full_state',
            [name],
          )
        : {},
    async destroy() {
      await Promise.all(nodes.map((node) => node.process.stop(10_000)))
      await redis.destroy()
    },
  }
}

export async function queryOne(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const result = await client.query(sql, params)
    const row = (result.rows[0] ?? {}) as Record<string, unknown>
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]))
  } finally {
    await client.end()
  }
}

/** Redis's own counters (PUBLISH calls, bytes in and out): what the fan-out cost. */
export function redisCounters(redis: RedisInstance): Record<string, number> {
  const info = execFileSync('redis-cli', ['-p', String(redis.port), 'INFO', 'all'], {
    encoding: 'utf8',
  })
  const out: Record<string, number> = {}
  const publish = /cmdstat_publish:calls=(\d+),usec=(\d+)/.exec(info)
  out.publishCalls = Number(publish?.[1] ?? 0)
  out.publishUsec = Number(publish?.[2] ?? 0)
  for (const key of ['total_net_input_bytes', 'total_net_output_bytes', 'total_commands_processed']) {
    out[key] = Number(new RegExp(`${key}:(\\d+)`).exec(info)?.[1] ?? 0)
  }
  out.redisCpuSec = Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) +
    Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0)
  return out
}

export function diffCounters(
  after: Record<string, number>,
  before: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after).map(([key, value]) => [key, value - (before[key] ?? 0)]),
  )
}

/** CPU seconds a process has used so far (user + system), from /proc. */
export function processCpuSeconds(pid: number | undefined): number {
  if (!pid) return 0
  try {
    const stat = execFileSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' })
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return 0
  }
}
