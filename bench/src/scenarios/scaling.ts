/**
 * Scenario 10: the scaling curve. For each node count of `--set nodes=1,2,4,8`, a fresh fleet of
 * ours (its own Postgres, its own Redis) takes the same bounded load, in two parts:
 *  - burst (scenario 7's, durability.ts): `writers` writers on `docs` documents, writer i on node
 *    i mod n, so with n ≥ 2 every document is edited from several nodes; `burstEdits` edits sent
 *    as fast as the sockets take them; durable updates/s = edits / time until the last is in
 *    Postgres, each edit found there by its Yjs clock;
 *  - rate (scenario 1's, propagation.ts): `clients` protocol clients spread over the documents
 *    and the nodes, each writing `rate` times a second; cross-node delivery p50/p99, every value
 *    written checked to reach every other client of its document, every node's copy of every
 *    document checked equal.
 * Around each part the fleet's costs are read (costs.ts): node CPU per 1,000 updates, Redis CPU,
 * commands and bytes per update, Postgres CPU, rows and WAL per update. The figures at every
 * node count then give a projection for separate machines (scalingModel.ts). On a 2-core machine
 * the 1/2/4/8 throughputs are bounded by the machine; the per-update costs are what carry over.
 * A lost edit, a lost delivery or documents that differ between nodes fail the run (exit ≠ 0),
 * after the tables are printed and the JSON written.
 */

import {
  type CostSnapshot,
  costSnapshot,
  idleRates,
  type WindowCost,
  windowCost,
} from '../costs.ts'
import type { BenchFleet, BenchNode } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { log, printTable, round, writeResult } from '../report.ts'
import { project } from '../scalingModel.ts'
import { diffCounters, redisCounters } from '../stats.ts'
import { runPart } from './durability.ts'
import { measureCrossNode } from './propagation.ts'

interface ScalingResult {
  nodes: number
  burst: { edits: number; durable: number; durableUpdatesPerSec: number; cost: WindowCost }
  rate: {
    sent: number
    cross: Record<string, number>
    sameNode: Record<string, number>
    nodeCpuPercent: number[]
    nodeLoopLagP99Ms: number[]
    delivered: string
    /** Values that reached every reader or were overtaken there by a later one (reachedValues.ts). */
    reached: string
    converged: boolean
    cost: WindowCost
    /** Connections Redis accepted and dropped in the part: a re-subscribing node missed publishes. */
    redisConnectionsReceived: number
    redisEvictedClients: number
    /** Each node's fan-out counters at the end (its /metrics), to tell a lost publish from a late one. */
    nodeMetrics: Record<string, number>[]
  }
  failures: string[]
}

const FANOUT_METRICS = [
  'weft_updates_received_total',
  'weft_updates_fanned_in_total',
  'weft_updates_broadcast_total',
  'weft_unintegrable_loads_total',
  'weft_unload_repairs_total',
  'weft_redis_up',
]

/** A node's fan-out counters from its Prometheus endpoint (on its WebSocket port in the bench). */
async function fanoutMetrics(node: BenchNode): Promise<Record<string, number>> {
  const text = await (await fetch(`${node.wsUrl.replace(/^ws/, 'http')}/metrics`)).text()
  const out: Record<string, number> = {}
  for (const line of text.split('\n')) {
    const name = FANOUT_METRICS.find((metric) => line.startsWith(metric))
    if (name) out[name] = (out[name] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return out
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length
const sum = (values: number[]) => values.reduce((s, v) => s + v, 0)

async function measureAt(
  fleet: BenchFleet,
  runId: string,
  settings: ReturnType<typeof scalingSettings>,
): Promise<ScalingResult> {
  const nodes = fleet.nodes.length
  const failures: string[] = []
  // What the fleet spends with nobody connected, taken off each window's cost.
  const idle = await idleRates(fleet, settings.idleMs)
  let before: CostSnapshot = await costSnapshot(fleet)
  let after: CostSnapshot | undefined
  const burst = await runPart(
    fleet,
    'burst',
    {
      burstClients: settings.writers,
      burstDocs: settings.docs,
      burstEdits: settings.burstEdits,
      pollMs: settings.pollMs,
      durationMs: 0,
    },
    async () => {
      after = await costSnapshot(fleet)
    },
  )
  const burstCost = windowCost(before, after ?? (await costSnapshot(fleet)), burst.edits, idle)
  if (burst.durable !== burst.edits)
    failures.push(`burst: ${burst.edits - burst.durable} of ${burst.edits} edits never durable`)

  const docs = Array.from(
    { length: settings.docs },
    (_, i) => `grid:bench-scale-${runId.replace(/_/g, '-')}-${i}`,
  )
  const perDoc = Math.max(1, Math.round(settings.clients / settings.docs / nodes))
  before = await costSnapshot(fleet)
  const { results: _, ...rate } = await measureCrossNode(
    fleet,
    // Connecting takes longer with more nodes on one machine; a client that joined after the
    // window would write nothing. Late deliveries count until the drain ends, lost ones never.
    { ...settings, perDoc, leadMs: 8_000 + 2_000 * nodes },
    docs,
    { kind: 'protocol' },
  )
  const rateCost = windowCost(before, await costSnapshot(fleet), rate.sent, idle)
  const redisAfter = diffCounters(redisCounters(fleet.redis), before.redis)
  const nodeMetrics = await Promise.all(
    fleet.nodes.map((node) => fanoutMetrics(node).catch(() => ({}))),
  )
  // A value overtaken by a later one of its writer inside a lagging node's merged update is not
  // lost (reachedValues.ts); one that never reached a reader, nor any later value, is.
  const [got, expected] = rate.reached.split('/').map(Number)
  if (rate.sent === 0 || !expected) failures.push('rate: no client wrote in the window')
  if (got !== expected) failures.push(`rate: ${rate.reached} values reached or overtaken`)
  if (!rate.converged) failures.push('rate: the nodes do not hold the same documents')
  return {
    nodes,
    burst: {
      edits: burst.edits,
      durable: burst.durable,
      durableUpdatesPerSec: burst.durableUpdatesPerSec,
      cost: burstCost,
    },
    rate: {
      sent: rate.sent,
      cross: rate.cross,
      sameNode: rate.sameNode,
      nodeCpuPercent: rate.nodeCpuPercent,
      nodeLoopLagP99Ms: rate.nodeLoopLagP99Ms,
      delivered: rate.delivered,
      reached: rate.reached,
      converged: rate.converged,
      cost: rateCost,
      redisConnectionsReceived: redisAfter.total_connections_received ?? 0,
      redisEvictedClients: redisAfter.evicted_clients ?? 0,
      nodeMetrics,
    },
    failures,
  }
}

function scalingSettings(options: BenchOptions) {
  const nodeCounts = (options.settings.nodes ?? '1,2,4,8').split(',').map(Number)
  if (nodeCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 26))
    throw new Error(`nodes must be whole numbers from 1 to 26, not ${options.settings.nodes}`)
  const docs = Number(options.settings.docs ?? 8)
  return {
    nodeCounts,
    docs,
    // One writer per document per node at the largest count: the same writers at every count.
    writers: Number(options.settings.writers ?? docs * Math.max(...nodeCounts)),
    burstEdits: Number(options.settings.burstEdits ?? 24_000),
    pollMs: Number(options.settings.pollMs ?? 20),
    clients: Number(options.settings.clients ?? docs * Math.max(...nodeCounts)),
    rate: Number(options.settings.rate ?? 5),
    warmupMs: Number(options.settings.warmupSec ?? 2) * 1000,
    durationMs: Number(options.settings.durationSec ?? 10) * 1000,
    drainMs: Number(options.settings.drainSec ?? 20) * 1000,
    postgresCores: Number(options.settings.postgresCores ?? 4),
    idleMs: Number(options.settings.idleSec ?? 5) * 1000,
  }
}

export async function runScaling(options: BenchOptions): Promise<void> {
  const settings = scalingSettings(options)
  const results: ScalingResult[] = []
  for (const nodes of settings.nodeCounts) {
    const rows = await forEachFleet(
      { ...options, settings: { ...options.settings, fleets: 'weft' } },
      { scenario: `scaling_${nodes}`, fleets: 'weft', nodes, persistence: true },
      async (fleet, runId) => [await measureAt(fleet, runId, settings)],
    )
    for (const row of rows) log(`scaling: ${JSON.stringify(row)}`)
    results.push(...rows)
  }
  printTable(
    `Scenario 10, burst: ${settings.writers} writers on ${settings.docs} docs, ${settings.burstEdits} edits`,
    results.map((r) => ({
      nodes: r.nodes,
      durable: `${r.burst.durable}/${r.burst.edits}`,
      'durable updates/s': r.burst.durableUpdatesPerSec,
      'node CPU s/1k (mean)': round(mean(r.burst.cost.nodeCpuSecPer1k), 3),
      'fleet CPU s/1k': round(sum(r.burst.cost.nodeCpuSecPer1k), 3),
      'redis us/upd': round(r.burst.cost.redisCpuUsPerUpdate, 1),
      'redis cmds/upd': round(r.burst.cost.redisCommandsPerUpdate, 3),
      'redis B in/out per upd': `${Math.round(r.burst.cost.redisBytesInPerUpdate)} / ${Math.round(r.burst.cost.redisBytesOutPerUpdate)}`,
      'pg us/upd': round(r.burst.cost.postgresCpuUsPerUpdate, 1),
      'pg rows/upd': round(r.burst.cost.postgresRowsPerUpdate, 4),
      'pg row B / WAL B per upd': `${Math.round(r.burst.cost.postgresRowBytesPerUpdate)} / ${Math.round(r.burst.cost.postgresWalBytesPerUpdate)}`,
      'pg conns': r.burst.cost.postgresConnections,
    })),
  )
  printTable(
    `Scenario 10, rate: ${settings.clients} protocol clients on ${settings.docs} docs, ${settings.rate} updates/s each (ms)`,
    results.map((r) => ({
      nodes: r.nodes,
      sent: r.rate.sent,
      'cross p50': r.rate.cross.p50,
      'cross p99': r.rate.cross.p99,
      'same-node p99': r.rate.sameNode.p99,
      'node CPU %': r.rate.nodeCpuPercent.join(' / '),
      'node loop lag p99': r.rate.nodeLoopLagP99Ms.join(' / '),
      'fleet CPU s/1k': round(sum(r.rate.cost.nodeCpuSecPer1k), 3),
      'redis us/upd': round(r.rate.cost.redisCpuUsPerUpdate, 1),
      'redis cmds/upd': round(r.rate.cost.redisCommandsPerUpdate, 2),
      'redis B out/upd': Math.round(r.rate.cost.redisBytesOutPerUpdate),
      'pg us/upd': round(r.rate.cost.postgresCpuUsPerUpdate, 1),
      'pg rows/upd': round(r.rate.cost.postgresRowsPerUpdate, 3),
      delivered: r.rate.delivered,
      'reached or overtaken': r.rate.reached,
      converged: r.rate.converged ? 'yes' : 'NO',
    })),
  )
  // Burst costs: a saturated fleet batches, which is the regime a fleet at its limit is in.
  const model = project(
    results.map((r) => ({
      nodes: r.nodes,
      fleetCpuSecPerUpdate: sum(r.burst.cost.nodeCpuSecPer1k) / 1000,
      redisCpuSecPerUpdate: r.burst.cost.redisCpuUsPerUpdate / 1e6,
      postgresCpuSecPerUpdate: r.burst.cost.postgresCpuUsPerUpdate / 1e6,
    })),
    [1, 2, 4, 8, 16, 32, 64],
    settings.postgresCores,
  )
  printTable(
    `Separate machines, one core a node (from the burst costs: ingest ${round(model.ingest * 1e6)} us, peer ${round(model.peer * 1e6)} us; Redis ${round(model.redis0 * 1e6, 1)} + ${round(model.redisPerPeer * 1e6, 1)} us a subscriber; Postgres on ${settings.postgresCores} cores), updates/s`,
    model.rows.map((row) => ({
      nodes: row.nodes,
      'all docs on all nodes: nodes': Math.round(row.nodesLimitAllShared),
      redis: Math.round(row.redisLimitAllShared),
      limit: row.limitAllShared,
      'docs on 2 nodes: nodes': Math.round(row.nodesLimitPairs),
      'redis ': Math.round(row.redisLimitPairs),
      postgres: Math.round(row.postgresLimit),
      'limit ': row.limitPairs,
    })),
  )
  writeResult('scaling', { settings, results, model })
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.nodes} nodes: ${f}`))
  if (failures.length > 0) throw new Error(`scaling: ${failures.join('; ')}`)
}
