/**
 * The fleets a benchmark runs side by side: ours (node processes started with testkit's
 * startNode from the repo's main.ts, or from a scratch copy to try a change) and the references,
 * as processes: `hocuspocus` (Hocuspocus + stock Redis extension, optionally the stock Database
 * extension, N nodes), `hocuspocus-bare` (one Hocuspocus node with no extensions, or only the
 * Database extension when persistence is asked for) and `y-websocket-server` (one
 * @y/websocket-server node, optionally with a Postgres persistence). Each fleet gets its own
 * redis-server (when it uses one) and its own database on one shared Postgres, so none sees
 * another's traffic. Every node process is preloaded with instrument/processStats.ts (memory,
 * event-loop lag, documents held).
 */
import { dirname, join } from 'node:path'
import {
  freePort,
  ManagedProcess,
  migrate,
  type PostgresInstance,
  REPO_ROOT,
  type RedisInstance,
  type ServerNode,
  startNode,
  startRedis,
  waitFor,
} from '@weft/testkit'
import { chartRuntime } from './chartRuntime.ts'
import { warmedCompileCache } from './compileCache.ts'
import { queryOne } from './postgres.ts'

/**
 * weft-scratch: our node from a scratch copy (WEFT_SCRATCH_MAIN, a main.ts outside the repo), to
 * measure a proposed change to code this benchmark does not own side by side with the original;
 * WEFT_SCRATCH_NODE_FLAGS adds Node flags to that copy's processes only, and WEFT_SCRATCH_ENV
 * (`NAME=value NAME=value`) environment variables (e.g. glibc's MALLOC_ARENA_MAX).
 */
export type FleetKind =
  | 'weft'
  | 'weft-scratch'
  | 'hocuspocus'
  | 'hocuspocus-bare'
  | 'y-websocket-server'

/** The wire protocol a fleet's clients speak: Hocuspocus's, or y-websocket's (one doc a socket). */
export type Protocol = 'hocuspocus' | 'y-websocket'

export interface BenchNode {
  wsUrl: string
  process: ManagedProcess
  /** instrument/processStats.ts of this node. */
  statsUrl: string
}

export interface BenchFleet {
  kind: FleetKind
  label: string
  protocol: Protocol
  nodes: BenchNode[]
  /** Absent for single-node references, which have no fan-out. */
  redis?: RedisInstance
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
  /** Node processes record Hocuspocus flush batch sizes here (instrument/flushStats.ts). */
  flushStatsDir?: string
  /** Ours only: run without Redis (a single node with no fan-out). Default: with Redis. */
  withoutRedis?: boolean
  /** Ours only: without the chart's runtime settings (chartRuntime.ts). Default: with them. */
  withoutChartRuntime?: boolean
  /** Ours only: without the image's warm compile cache (compileCache.ts). Default: with it. */
  withoutCompileCache?: boolean
  tag: string
}

export const SINGLE_NODE_KINDS: FleetKind[] = ['hocuspocus-bare', 'y-websocket-server']

export async function startBenchFleet(request: FleetRequest): Promise<BenchFleet> {
  const fleet =
    request.kind === 'weft' || request.kind === 'weft-scratch'
      ? await startWeft(request)
      : await startReference(request)
  return fleet
}

/**
 * The bench opens thousands of anonymous sockets (one user to the node) and replays traces and
 * bursts far faster than people type, so it raises the per-user, per-socket and sign-in limits
 * (docs/security.md): it measures the platform, not its guards. The reference servers have none.
 */
const BENCH_LIMITS = {
  AUTH_TIMEOUT_MS: '120000',
  MAX_CONNECTIONS_PER_USER: '1000000',
  MAX_DOCUMENTS_PER_CONNECTION: '1000000',
  RATE_LIMIT_MESSAGES_PER_SECOND: '100000000',
  RATE_LIMIT_MESSAGES_BURST: '100000000',
  RATE_LIMIT_BYTES_PER_SECOND: String(2 ** 40),
  RATE_LIMIT_BYTES_BURST: String(2 ** 40),
  AUTH_FAILURES_PER_MINUTE: '100000000',
}

async function startWeft(request: FleetRequest): Promise<BenchFleet> {
  const redis = request.withoutRedis ? undefined : await startRedis()
  const databaseUrl = await request.postgres.createDatabase(`weft_${request.tag}`)
  migrate(databaseUrl)
  const scratchMain = process.env.WEFT_SCRATCH_MAIN
  if (request.kind === 'weft-scratch' && !scratchMain)
    throw new Error('weft-scratch needs WEFT_SCRATCH_MAIN=/path/to/copy/apps/server/src/main.ts')
  // What the chart's pods run the node with (V8's young generation, malloc arenas): the bench's
  // machine is not a pod, and Node would otherwise size the heap from its memory (decision 0207).
  const runtime = request.withoutChartRuntime ? undefined : chartRuntime()
  const nodeOptions = nodeFlags(request, runtime?.nodeOptions).join(' ')
  // As the image runs it (decision 0211); main's code as weft-scratch has no warm flag.
  const compileCache: Record<string, string> =
    request.kind === 'weft' && !request.withoutCompileCache
      ? { NODE_COMPILE_CACHE: warmedCompileCache(nodeOptions) }
      : {}
  const env = {
    ...BENCH_LIMITS,
    ...(runtime?.mallocArenaMax ? { MALLOC_ARENA_MAX: String(runtime.mallocArenaMax) } : {}),
    DATABASE_URL: databaseUrl,
    ...(redis ? { REDIS_URL: redis.url } : {}),
    LOG_LEVEL: 'error',
    NODE_OPTIONS: nodeOptions,
    ...compileCache,
    ...(request.flushStatsDir
      ? {
          BENCH_FLUSH_STATS_DIR: request.flushStatsDir,
          // instrument/flushStats.ts: the node's own Document.flush wrapper, loaded first.
          BENCH_FLUSH_PATCH_FIRST: join(
            scratchMain && request.kind === 'weft-scratch'
              ? dirname(scratchMain)
              : join(REPO_ROOT, 'apps', 'server', 'src'),
            'libraryInternals',
            'hocuspocusServer.ts',
          ),
        }
      : {}),
  }
  const nodes: ServerNode[] = []
  const statsPorts: number[] = []
  for (let i = 0; i < request.nodes; i++) {
    const statsPort = await freePort()
    statsPorts.push(statsPort)
    nodes.push(
      await startNode({
        nodeId: `node-${String.fromCharCode(97 + i)}`,
        env: {
          ...env,
          ...(request.kind === 'weft-scratch' ? scratchEnv() : {}),
          BENCH_STATS_PORT: String(statsPort),
        },
        ...(request.kind === 'weft-scratch'
          ? { command: [process.execPath, scratchMain as string] }
          : {}),
      }),
    )
  }
  const fleet = {
    databaseUrl,
    nodes,
    destroy: async () => {
      await Promise.all(nodes.map((node) => node.kill()))
      await redis?.destroy()
    },
  }
  return {
    kind: request.kind,
    label: redis ? request.kind : `${request.kind} (no redis)`,
    protocol: 'hocuspocus',
    nodes: fleet.nodes.map((node, i) => ({
      wsUrl: node.wsUrl,
      process: node.process,
      statsUrl: `http://127.0.0.1:${statsPorts[i]}`,
    })),
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
      await Promise.all(
        fleet.nodes.map((node) => node.process.stop(request.cpuProfDir ? 60_000 : 10_000)),
      )
      await fleet.destroy()
    },
  }
}

/** WEFT_SCRATCH_ENV as variables: `A=1 B=2`. */
function scratchEnv(): Record<string, string> {
  const pairs = (process.env.WEFT_SCRATCH_ENV ?? '').split(' ').filter(Boolean)
  return Object.fromEntries(pairs.map((pair) => pair.split(/=(.*)/s).slice(0, 2)))
}

const REFERENCE_SCRIPTS: Partial<Record<FleetKind, string>> = {
  hocuspocus: 'hocuspocusNode.ts',
  'hocuspocus-bare': 'hocuspocusNode.ts',
  'y-websocket-server': 'yWebsocketServerNode.ts',
}

function referenceLabel(kind: FleetKind, persistence: boolean): string {
  if (kind === 'hocuspocus') return persistence ? 'hocuspocus+redis+database' : 'hocuspocus+redis'
  if (kind === 'hocuspocus-bare') return persistence ? 'hocuspocus+database' : 'hocuspocus-bare'
  return persistence ? 'y-websocket-server+pg' : 'y-websocket-server'
}

async function startReference(request: FleetRequest): Promise<BenchFleet> {
  const single = SINGLE_NODE_KINDS.includes(request.kind)
  if (single && request.nodes !== 1) throw new Error(`${request.kind} runs one node only`)
  const redis = single ? undefined : await startRedis()
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
    const statsPort = await freePort()
    const script = REFERENCE_SCRIPTS[request.kind] as string
    const args = [...nodeFlags(request), join('bench', 'src', 'reference', script)]
    const child = new ManagedProcess(`ref-${i}`, process.execPath, args, {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        BENCH_STATS_PORT: String(statsPort),
        ...(request.kind === 'y-websocket-server' ? { BENCH_STATS_NOT_HOCUSPOCUS: '1' } : {}),
        ...(redis ? { REDIS_URL: redis.url } : {}),
        NODE_ID: `ref-${i}`,
        ...(request.flushStatsDir ? { BENCH_FLUSH_STATS_DIR: request.flushStatsDir } : {}),
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
    nodes.push({
      wsUrl: `ws://127.0.0.1:${port}`,
      process: child,
      statsUrl: `http://127.0.0.1:${statsPort}`,
    })
  }
  return {
    kind: request.kind,
    label: referenceLabel(request.kind, request.persistence),
    protocol: request.kind === 'y-websocket-server' ? 'y-websocket' : 'hocuspocus',
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
      await Promise.all(
        nodes.map((node) => node.process.stop(request.cpuProfDir ? 60_000 : 10_000)),
      )
      await redis?.destroy()
    },
  }
}

function nodeFlags(request: FleetRequest, chartFlags = ''): string[] {
  return [
    ...chartFlags.split(' ').filter(Boolean),
    '--import',
    join(REPO_ROOT, 'bench', 'src', 'instrument', 'processStats.ts'),
    ...(request.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${request.cpuProfDir}`] : []),
    ...(request.flushStatsDir
      ? ['--import', join(REPO_ROOT, 'bench', 'src', 'instrument', 'flushStats.ts')]
      : []),
    // Node/V8 flags to try on the scratch copy only (e.g. GC sizing), side by side with ours.
    ...(request.kind === 'weft-scratch' && process.env.WEFT_SCRATCH_NODE_FLAGS
      ? process.env.WEFT_SCRATCH_NODE_FLAGS.split(' ')
      : []),
  ]
}
