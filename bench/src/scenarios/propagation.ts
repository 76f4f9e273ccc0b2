/**
 * Scenario 1: cross-node propagation. 2 nodes + Redis, `clients` clients on `docs` documents
 * (half of each document's clients on each node), every client editing `rate` times a second.
 * Latency = from a client's edit on one node to its arrival at a client on the other node,
 * measured with one monotonic clock (clients live in two child processes, one per node, so the
 * bench process and the servers do not share an event loop with them). The clients are
 * protocol-level by default (`kind=protocol`, see propagationClients.ts); `kind=providers` runs
 * a full provider and replica per client instead.
 */
import { spawnClients, waitUntilMicros } from '../clientProcess.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { reachedValues, type SeenUpTo, type WrittenSeqs } from '../reachedValues.ts'
import { compareFleets, log, printTable, round, summarize, writeResult } from '../report.ts'
import {
  diffCounters,
  nodeStats,
  processCpuSeconds,
  redisCounters,
  runQueueWaitMs,
} from '../stats.ts'

export interface CrossNodeResult {
  kind: 'providers' | 'protocol'
  nice: number
  missingLastValues: number
  sentInWindow: Record<string, number>
  receivedInWindow: Record<string, number>
  writtenSeqs: WrittenSeqs
  seenUpTo: SeenUpTo
  readerIds: Record<string, string[]>
  sent: number
  cross: number[]
  same: number[]
  digests: Record<string, string[]>
  clientLoopLagP99Ms: number
}

/**
 * Runs propagationClients.ts once per node of the fleet (the same documents on every node) and
 * returns what each client process measured, with the nodes' CPU and Redis counters.
 */
export async function measureCrossNode(
  fleet: BenchFleet,
  settings: {
    rate: number
    warmupMs: number
    durationMs: number
    perDoc: number
    /** Client processes per node, each with its share of the documents (default 1). */
    procs?: number
    /**
     * The client processes' nice value (propagationClients.ts). Default: -10 for protocol
     * clients, which need little CPU; 0 for providers, which need much of it and at a raised
     * priority would take it from the nodes being measured.
     */
    clientNice?: number
    /** From now until the clients start writing (default 8 s: every client connected by then). */
    leadMs?: number
    /** After the window, how long late deliveries still count (default 4 s). */
    drainMs?: number
  },
  docs: string[],
  extra: Record<string, unknown> = {},
) {
  const leadMs = settings.leadMs ?? 8_000
  const startAtNs = (process.hrtime.bigint() + BigInt(leadMs) * 1_000_000n).toString()
  const redisBefore = redisCounters(fleet.redis)
  const limitMs =
    leadMs + settings.warmupMs + settings.durationMs + (settings.drainMs ?? 0) + 60_000
  const procs = Math.max(1, Math.min(settings.procs ?? 1, docs.length))
  const shares = Array.from({ length: procs }, (_, p) => docs.filter((_, i) => i % procs === p))
  const children = fleet.nodes.flatMap((node, index) =>
    shares.map((share) =>
      spawnClients<CrossNodeResult>(
        'scenarios/propagationClients.ts',
        {
          protocol: fleet.protocol,
          wsUrl: node.wsUrl,
          node: index,
          docs: share,
          perDoc: settings.perDoc,
          rate: settings.rate,
          startAtNs,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs,
          ...(settings.drainMs === undefined ? {} : { drainMs: settings.drainMs }),
          ...extra,
        },
        limitMs,
        { nice: settings.clientNice ?? (extra.kind === 'protocol' ? -10 : 0) },
      ),
    ),
  )
  // The nodes' own event-loop lag while the clients write (asked for outside the measured
  // window: answering costs a node a few ms, which would show in the latencies).
  // Node CPU over the same window as the lag: from the start of the writes to just after.
  const startAtMicros = Number(BigInt(startAtNs) / 1000n)
  await waitUntilMicros(startAtMicros)
  const cpuBefore = fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid))
  const waitBefore = fleet.nodes.map((node) => runQueueWaitMs(node.process.child.pid))
  await Promise.all(fleet.nodes.map((node) => nodeStats(node, { reset: true })))
  await waitUntilMicros(startAtMicros + (settings.warmupMs + settings.durationMs + 500) * 1000)
  const nodeLag = await Promise.all(fleet.nodes.map((node) => nodeStats(node)))
  const cpu = fleet.nodes.map(
    (node, i) => processCpuSeconds(node.process.child.pid) - (cpuBefore[i] ?? 0),
  )
  const waited = fleet.nodes.map(
    (node, i) => runQueueWaitMs(node.process.child.pid) - (waitBefore[i] ?? 0),
  )
  const wallSec = (settings.warmupMs + settings.durationMs + 500) / 1000
  const results = await Promise.all(children.map((child) => child.result))
  const protocol = results[0]?.kind === 'protocol'
  // Converged: every digest of a document, from every client (or reader) on every node, equal,
  // and (protocol clients) every writer's last value found by a fresh reader on each node.
  const converged =
    results.every((r) => r.missingLastValues === 0) &&
    docs.every((name) => {
      const all = results.flatMap((r) => r.digests[name] ?? [])
      const expected = (protocol ? 1 : settings.perDoc) * fleet.nodes.length
      return all.length === expected && new Set(all).size === 1
    })
  // Every value written in the window reaches every other client of its document (protocol
  // clients see each value, so this is exact for them).
  const receivers = settings.perDoc * fleet.nodes.length
  let expectedDeliveries = 0
  let deliveries = 0
  for (const name of docs) {
    const sent = results.reduce((sum, r) => sum + (r.sentInWindow[name] ?? 0), 0)
    expectedDeliveries += sent * (receivers - 1)
    deliveries += results.reduce((sum, r) => sum + (r.receivedInWindow[name] ?? 0), 0)
  }
  // Pings: values that reached each reader or were overtaken there by a later value of the
  // same writer (a merged update carries only the later one: reachedValues.ts).
  const readers: Record<string, string[]> = {}
  for (const r of results)
    for (const [name, ids] of Object.entries(r.readerIds))
      readers[name] = [...(readers[name] ?? []), ...ids]
  const reached = reachedValues(
    results.map((r) => r.writtenSeqs),
    results.map((r) => r.seenUpTo),
    readers,
  )
  const redis = diffCounters(redisCounters(fleet.redis), redisBefore)
  return {
    fleet: fleet.label,
    clients: settings.perDoc * fleet.nodes.length * docs.length,
    sent: results.reduce((sum, r) => sum + r.sent, 0),
    cross: summarize(results.flatMap((r) => r.cross)),
    sameNode: summarize(results.flatMap((r) => r.same)),
    clientLoopLagP99Ms: results.map((r) => round(r.clientLoopLagP99Ms)),
    clientNice: [...new Set(results.map((r) => r.nice))],
    nodeLoopLagP99Ms: nodeLag.map((stats) => round(stats.loopLagMs.p99)),
    nodeLoopLagMaxMs: nodeLag.map((stats) => round(stats.loopLagMs.max)),
    nodeCpuPercent: cpu.map((sec) => round((100 * sec) / wallSec, 1)),
    /** Ms per second each node's event loop was runnable but had no core (the machine's part of its lag). */
    nodeRunQueueWaitMsPerSec: waited.map((ms) => round(ms / wallSec, 1)),
    publishCalls: redis.publishCalls ?? 0,
    redisBytesOut: redis.total_net_output_bytes ?? 0,
    converged,
    /** Deliveries of values written in the window ÷ (values × the other clients of the doc). */
    delivered: `${deliveries}/${expectedDeliveries}`,
    /** Pings: values that reached every reader or were overtaken there (reachedValues.ts). */
    reached: reached.expected === 0 ? 'n/a' : `${reached.reached}/${reached.expected}`,
    results,
  }
}

/** The table columns scenarios 1 and 9 share. */
export function crossNodeColumns(r: Omit<Awaited<ReturnType<typeof measureCrossNode>>, 'results'>) {
  return {
    fleet: r.fleet,
    sent: r.sent,
    'cross samples': r.cross.count,
    'cross p50': r.cross.p50,
    'cross p99': r.cross.p99,
    'cross max': r.cross.max,
    'same-node p50': r.sameNode.p50,
    'same-node p99': r.sameNode.p99,
    'node CPU %': r.nodeCpuPercent.join(' / '),
    'node loop lag p99': r.nodeLoopLagP99Ms.join(' / '),
    'node waits for a core, ms/s': r.nodeRunQueueWaitMsPerSec.join(' / '),
    'client loop lag p99': r.clientLoopLagP99Ms.join(' / '),
    publishes: r.publishCalls,
    converged: r.converged ? 'yes' : 'NO',
    delivered: r.delivered,
    'reached or overtaken': r.reached,
  }
}

export async function runPropagation(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 200),
    docs: Number(options.settings.docs ?? 20),
    rate: Number(options.settings.rate ?? 5),
    warmupMs: Number(options.settings.warmupSec ?? 3) * 1000,
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
    procs: Number(options.settings.procs ?? 1),
    kind: String(options.settings.kind ?? 'protocol'),
    clientNice:
      options.settings.clientNice === undefined ? undefined : Number(options.settings.clientNice),
  }
  if (settings.kind !== 'protocol' && settings.kind !== 'providers')
    throw new Error(`kind must be protocol or providers, not ${settings.kind}`)
  const runs = await forEachFleet(
    options,
    { scenario: 'propagation', fleets: 'weft,hocuspocus', nodes: 2, persistence: false },
    async (fleet, runId) => {
      const docs = Array.from(
        { length: settings.docs },
        (_, i) => `grid:bench-prop-${runId.replace(/_/g, '-')}-${i}`,
      )
      const perDoc = Math.max(1, Math.round(settings.clients / docs.length / 2))
      const { results: _, ...result } = await measureCrossNode(
        fleet,
        { ...settings, perDoc },
        docs,
        { kind: settings.kind },
      )
      log(`propagation: ${JSON.stringify(result)}`)
      return [result]
    },
  )
  printTable(
    `Scenario 1: cross-node propagation, ${settings.clients} ${settings.kind} clients on ${settings.docs} docs, ${settings.rate} updates/s each (ms)`,
    runs.map((r) => crossNodeColumns(r)),
  )
  const ratios = compareFleets(runs, [
    { name: 'cross-node p50 (ms)', pick: (r) => r.cross.p50 as number },
    { name: 'cross-node p99 (ms)', pick: (r) => r.cross.p99 as number },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('propagation', { settings, runs, ratios })
}
