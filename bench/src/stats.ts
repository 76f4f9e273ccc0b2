/**
 * What a benchmark reads off a running fleet: each node's memory, loop lag and documents
 * (instrument/processStats.ts), CPU seconds from /proc, Hocuspocus flush batches
 * (instrument/flushStats.ts) and Redis's own counters.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { RedisInstance } from '@weft/testkit'
import type { BenchNode } from './fleets.ts'
import type { MemoryBreakdown } from './instrument/memoryBreakdown.ts'

/** One node's figures from instrument/processStats.ts. */
export interface NodeStats {
  rss: number
  heapUsed: number
  heapTotal: number
  external: number
  arrayBuffers: number
  documents: number
  connections: number
  /** Collections since the process started (the full GCs `gc: true` asks for among them). */
  gc: Record<'minor' | 'major' | 'other', { count: number; ms: number }>
  loopLagMs: { p50: number; p99: number; max: number; mean: number }
}

/**
 * Polls a node's document count until it is `target` or `timeoutMs` passed: how long that took
 * (NaN when it did not happen) and the count last seen.
 */
export async function waitForDocuments(
  node: BenchNode,
  target: number,
  timeoutMs: number,
): Promise<{ ms: number; documents: number }> {
  const started = performance.now()
  let documents = (await nodeStats(node)).documents
  while (documents !== target && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    documents = (await nodeStats(node)).documents
  }
  return { ms: documents === target ? performance.now() - started : Number.NaN, documents }
}

/** A V8 CPU profile of one node over the window between start and stop (processStats.ts). */
export async function profileWindow(node: BenchNode, file?: string): Promise<void> {
  const path = file ? `/profile/stop?file=${encodeURIComponent(file)}` : '/profile/start'
  await (await fetch(`${node.statsUrl}${path}`)).json()
}

export async function nodeStats(
  node: BenchNode,
  options: { gc?: boolean; reset?: boolean } = {},
): Promise<NodeStats> {
  const query = new URLSearchParams({
    ...(options.gc ? { gc: '1' } : {}),
    ...(options.reset ? { reset: '1' } : {}),
  })
  const url = `${node.statsUrl}/stats?${query}`
  // fetch reuses a kept-alive connection that the node may be closing at that moment (its idle
  // timeout ran out while a parse held its event loop): the request then fails with a reset
  // before the node saw it, and is sent once more on a new connection.
  const response = await fetch(url).catch(() => fetch(url))
  return (await response.json()) as NodeStats
}

/** Where a node's RSS is (instrument/memoryBreakdown.ts), optionally after a full GC. */
export async function nodeMemory(
  node: BenchNode,
  options: { gc?: boolean } = {},
): Promise<MemoryBreakdown> {
  const response = await fetch(`${node.statsUrl}/memory${options.gc ? '?gc=1' : ''}`)
  return (await response.json()) as MemoryBreakdown
}

export interface FlushBucket {
  upTo: number
  flushes: number
  updates: number
  ms: number
}

/** Cumulative flush statistics of one node process (see instrument/flushStats.ts). */
export function readFlushStats(dir: string, pid: number | undefined): FlushBucket[] {
  try {
    return (JSON.parse(readFileSync(join(dir, `${pid}.json`), 'utf8')) as { stats: FlushBucket[] })
      .stats
  } catch {
    return []
  }
}

/** Redis's own counters (PUBLISH calls, bytes in and out): what the fan-out cost. */
export function redisCounters(redis: RedisInstance | undefined): Record<string, number> {
  if (!redis) return {}
  const info = execFileSync('redis-cli', ['-p', String(redis.port), 'INFO', 'all'], {
    encoding: 'utf8',
  })
  const out: Record<string, number> = {}
  const publish = /cmdstat_publish:calls=(\d+),usec=(\d+)/.exec(info)
  out.publishCalls = Number(publish?.[1] ?? 0)
  out.publishUsec = Number(publish?.[2] ?? 0)
  // Every command's calls and time, so a scenario can say what an update costs Redis, by command.
  for (const [, name, calls, usec] of info.matchAll(/cmdstat_([\w|-]+):calls=(\d+),usec=(\d+)/g)) {
    out[`calls_${name}`] = Number(calls)
    out[`usec_${name}`] = Number(usec)
  }
  for (const key of [
    'total_net_input_bytes',
    'total_net_output_bytes',
    'total_commands_processed',
    // A subscriber Redis dropped or that reconnected misses publishes (repaired by state vector).
    'total_connections_received',
    'evicted_clients',
  ]) {
    out[key] = Number(new RegExp(`${key}:(\\d+)`).exec(info)?.[1] ?? 0)
  }
  out.redisCpuSec =
    Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) +
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

/**
 * Milliseconds a process's main thread (a node's event loop) has spent so far runnable but waiting
 * for a core: the second field of /proc/<pid>/schedstat, in ns (that file is the thread group
 * leader's alone; /proc/<pid>/stat sums every thread). Over a window, the part of the loop's lag
 * that is the machine's scheduling, not the node's own work.
 */
export function runQueueWaitMs(pid: number | undefined): number {
  if (!pid) return 0
  try {
    return schedstatWaitMs(readFileSync(`/proc/${pid}/schedstat`, 'utf8'))
  } catch {
    return 0
  }
}

/** The run-queue wait of a schedstat line ("<on cpu ns> <waiting ns> <timeslices>"), in ms. */
export function schedstatWaitMs(line: string): number {
  const waitingNs = Number(line.trim().split(/\s+/)[1])
  return Number.isFinite(waitingNs) ? waitingNs / 1e6 : 0
}
