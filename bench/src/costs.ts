/**
 * What a window of work cost each part of a fleet: node processes' CPU, Redis (its own CPU,
 * commands by name, bytes in and out, from INFO of the fleet's redis-server) and Postgres (CPU of
 * the postmaster and every backend, update-log rows and bytes, WAL bytes). A snapshot before and
 * one after a window give the cost of that window; divided by the updates sent in it, the cost of
 * one update, which is what says where a larger fleet on separate machines would saturate.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import type { BenchFleet } from './fleets.ts'
import { diffCounters, processCpuSeconds, redisCounters } from './stats.ts'

export interface CostSnapshot {
  /** performance.now() of the snapshot, ms. */
  at: number
  nodeCpuSec: number[]
  redis: Record<string, number>
  postgres: Record<string, number>
}

/** utime, stime, cutime, cstime (seconds) and ppid of a process, from /proc; undefined once gone. */
function procTimes(pid: number): { own: number; reaped: number; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return {
      own: (Number(fields[11]) + Number(fields[12])) / 100,
      reaped: (Number(fields[13]) + Number(fields[14])) / 100,
      ppid: Number(fields[1]),
    }
  } catch {
    return undefined
  }
}

/**
 * CPU seconds of a Postgres server: the postmaster's own and its exited children's (cutime: the
 * backends of closed connections, the checkpointer's past work), plus every live child's but
 * those of `excluded` (the bench's own connections: its durability poller reads the update log
 * every few ms, which is the bench's cost, not the fleet's).
 */
function postgresCpuSeconds(postmasterPid: number, excluded: Set<number>): number {
  const postmaster = procTimes(postmasterPid)
  if (!postmaster) return Number.NaN
  let total = postmaster.own + postmaster.reaped
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || excluded.has(Number(entry))) continue
    const times = procTimes(Number(entry))
    if (times?.ppid === postmasterPid) total += times.own
  }
  return total
}

async function postgresCounters(databaseUrl: string | undefined): Promise<Record<string, number>> {
  if (!databaseUrl) return {}
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'weft-bench' })
  await client.connect()
  try {
    // Rows and WAL are read directly (exact at once); pg_stat_database's counters reach the view
    // up to 10 s after an idle backend's last transaction on Postgres 15, too late for a window.
    const row = (
      await client.query(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS wal_bytes,
                (SELECT count(*) FROM document_updates)::float8 AS update_rows,
                (SELECT COALESCE(sum(octet_length(update)), 0) FROM document_updates)::float8
                  AS update_row_bytes,
                (SELECT count(*) FROM snapshots)::float8 AS snapshot_rows,
                (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
                   AND application_name NOT LIKE 'weft-bench%')::int AS connections,
                current_setting('data_directory') AS data_directory`,
      )
    ).rows[0] as Record<string, number | string>
    const bench = (
      await client.query(
        "SELECT pid FROM pg_stat_activity WHERE application_name LIKE 'weft-bench%'",
      )
    ).rows.map((r: { pid: number }) => r.pid)
    // The server's recorded PID: first line of postmaster.pid in its data directory.
    const postmaster = Number(
      readFileSync(join(String(row.data_directory), 'postmaster.pid'), 'utf8').split('\n')[0],
    )
    const { data_directory: _, ...counters } = row
    return {
      ...(counters as Record<string, number>),
      cpuSec: postgresCpuSeconds(postmaster, new Set(bench)),
    }
  } finally {
    await client.end()
  }
}

export async function costSnapshot(fleet: BenchFleet): Promise<CostSnapshot> {
  return {
    at: performance.now(),
    nodeCpuSec: fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid)),
    redis: redisCounters(fleet.redis),
    postgres: await postgresCounters(fleet.databaseUrl),
  }
}

export interface WindowCost {
  updates: number
  seconds: number
  /** Each node process's CPU seconds per 1,000 updates of the whole fleet. */
  nodeCpuSecPer1k: number[]
  redisCpuUsPerUpdate: number
  redisCommandsPerUpdate: number
  redisBytesInPerUpdate: number
  redisBytesOutPerUpdate: number
  /** Calls per update of each Redis command used in the window (publish, evalsha, xadd...). */
  redisCallsPerUpdate: Record<string, number>
  postgresCpuUsPerUpdate: number
  postgresRowsPerUpdate: number
  postgresRowBytesPerUpdate: number
  postgresWalBytesPerUpdate: number
  /** Connections to the fleet's database at the end of the window (every node's pool). */
  postgresConnections: number
}

/**
 * What an idle fleet spends a second (heartbeats, presence, Redis's and Postgres's own timers),
 * from two snapshots `ms` apart with no clients: subtracted from a window's cost, so that a
 * window at a low rate shows what its updates cost and not what the fleet spends anyway.
 */
export async function idleRates(fleet: BenchFleet, ms: number): Promise<IdleRates> {
  const before = await costSnapshot(fleet)
  await new Promise((resolve) => setTimeout(resolve, ms))
  const after = await costSnapshot(fleet)
  const seconds = (after.at - before.at) / 1000
  const perSec = (a: Record<string, number>, b: Record<string, number>) =>
    Object.fromEntries(Object.entries(diffCounters(a, b)).map(([k, v]) => [k, v / seconds]))
  return {
    nodeCpuSec: after.nodeCpuSec.map((sec, i) => (sec - (before.nodeCpuSec[i] ?? 0)) / seconds),
    redis: perSec(after.redis, before.redis),
    postgres: perSec(after.postgres, before.postgres),
  }
}

export type IdleRates = Omit<CostSnapshot, 'at'>

/** The cost of the window between two snapshots above `idle`, per update sent in it. */
export function windowCost(
  before: CostSnapshot,
  after: CostSnapshot,
  updates: number,
  idle: IdleRates,
): WindowCost {
  const seconds = (after.at - before.at) / 1000
  const above = (
    a: Record<string, number>,
    b: Record<string, number>,
    rates: Record<string, number>,
  ) =>
    Object.fromEntries(
      Object.entries(diffCounters(a, b)).map(([k, v]) => [k, v - (rates[k] ?? 0) * seconds]),
    )
  const redis = above(after.redis, before.redis, idle.redis)
  const postgres = above(after.postgres, before.postgres, idle.postgres)
  // Rows, bytes and connections are counts, not rates: only CPU, commands and traffic tick idle.
  for (const key of ['update_rows', 'update_row_bytes', 'snapshot_rows'])
    postgres[key] = (after.postgres[key] ?? 0) - (before.postgres[key] ?? 0)
  const per = (value: number | undefined) => (value ?? Number.NaN) / updates
  const calls = Object.entries(redis)
    .filter(([key, value]) => key.startsWith('calls_') && value > 0)
    .map(([key, value]) => [key.slice('calls_'.length), value / updates] as const)
    .sort((a, b) => b[1] - a[1])
  return {
    updates,
    seconds,
    nodeCpuSecPer1k: after.nodeCpuSec.map(
      (sec, i) =>
        ((sec - (before.nodeCpuSec[i] ?? 0) - (idle.nodeCpuSec[i] ?? 0) * seconds) * 1000) /
        updates,
    ),
    redisCpuUsPerUpdate: per(redis.redisCpuSec) * 1e6,
    redisCommandsPerUpdate: per(redis.total_commands_processed),
    redisBytesInPerUpdate: per(redis.total_net_input_bytes),
    redisBytesOutPerUpdate: per(redis.total_net_output_bytes),
    redisCallsPerUpdate: Object.fromEntries(calls),
    postgresCpuUsPerUpdate: per(postgres.cpuSec) * 1e6,
    postgresRowsPerUpdate: per(postgres.update_rows),
    postgresRowBytesPerUpdate: per(postgres.update_row_bytes),
    postgresWalBytesPerUpdate: per(postgres.wal_bytes),
    postgresConnections: after.postgres.connections ?? Number.NaN,
  }
}
