/**
 * Scenario 3: hot document. One node, one document, `clients` clients (in `procs` child
 * processes) of which `typists` type `rate` times a second. `measurers` of the clients (typists
 * included) are full providers that decode every update and measure latency; the others are
 * light receivers that cost the server the same but the client almost nothing (500 providers
 * decoding 200 updates/s each saturate 2 cores by themselves, and then the clients are what is
 * measured). Measured over `durationSec` after
 * `warmupSec`: delivery latency (a typist's keystroke → its arrival at every other client), the
 * node's event-loop lag p99 (instrument/processStats.ts), and whether a backlog grows: latency
 * p50 of the last 3 s of sends against the first 3 s, deliveries received against expected
 * (sends × other clients), and the node's RSS and connection count at the start and end of the
 * window.
 */
import { type ClientProcess, nowMicros, spawnClients, startTogether } from '../clientProcess.ts'
import { sleep } from '../clients.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, round, summarize, writeResult } from '../report.ts'
import { nodeStats, processCpuSeconds } from '../stats.ts'

interface HotResult {
  clients: number
  measurers: number
  lightReceivers: number
  lightBytes: number
  sent: number
  latencies: number[]
  perSecondP50: number[]
  perSecondCount: number[]
  textLengths: number[]
  clientLoopLagP99Ms: number
}

const mean = (values: number[]) =>
  values.filter(Number.isFinite).reduce((sum, v) => sum + v, 0) /
  Math.max(1, values.filter(Number.isFinite).length)

async function measure(fleet: BenchFleet, settings: Record<string, number>, runId: string) {
  const node = fleet.nodes[0] as BenchFleet['nodes'][0]
  const procs = settings.procs as number
  const children: ClientProcess<HotResult>[] = []
  for (let proc = 0; proc < procs; proc++) {
    const share = (total: number) => Math.floor(total / procs) + (proc < total % procs ? 1 : 0)
    children.push(
      spawnClients<HotResult>(
        'scenarios/hotDocClients.ts',
        {
          protocol: fleet.protocol,
          wsUrl: node.wsUrl,
          doc: `grid:bench-hot-${runId}`,
          count: share(settings.clients as number),
          measurers: share(settings.measurers as number),
          typists: share(settings.typists as number),
          proc,
          rate: settings.rate,
          warmupMs: settings.warmupMs,
          durationMs: settings.durationMs,
        },
        (settings.warmupMs as number) + (settings.durationMs as number) + 240_000,
      ),
    )
  }
  const startAt = await startTogether(children)
  const measureFrom = startAt + (settings.warmupMs as number) * 1000
  await sleep((measureFrom - nowMicros()) / 1000)
  const before = await nodeStats(node, { reset: true })
  const cpuBefore = processCpuSeconds(node.process.child.pid)
  await sleep(settings.durationMs as number)
  const after = await nodeStats(node)
  const cpu = processCpuSeconds(node.process.child.pid) - cpuBefore
  const results = await Promise.all(children.map((child) => child.result))
  const sent = results.reduce((sum, r) => sum + r.sent, 0)
  const clients = results.reduce((sum, r) => sum + r.clients, 0)
  const measurers = results.reduce((sum, r) => sum + r.measurers, 0)
  const lightReceivers = results.reduce((sum, r) => sum + r.lightReceivers, 0)
  const lightBytes = results.reduce((sum, r) => sum + r.lightBytes, 0)
  const received = results.reduce((sum, r) => sum + r.latencies.length, 0)
  const seconds = results[0]?.perSecondP50.length ?? 0
  const perSecond = Array.from({ length: seconds }, (_, i) =>
    mean(results.map((r) => r.perSecondP50[i] as number)),
  )
  return {
    fleet: fleet.label,
    clients,
    sent,
    latency: summarize(results.flatMap((r) => r.latencies)),
    measurers,
    deliveredPercent: round((100 * received) / Math.max(1, sent * (measurers - 1)), 1),
    lightKBPerReceiverPerSec: round(
      lightBytes / 1024 / Math.max(1, lightReceivers) / ((settings.durationMs as number) / 1000),
      1,
    ),
    p50First3sMs: round(mean(perSecond.slice(0, 3))),
    p50Last3sMs: round(mean(perSecond.slice(-3))),
    nodeLoopLagP99Ms: round(after.loopLagMs.p99),
    nodeLoopLagMaxMs: round(after.loopLagMs.max),
    nodeCpuPercent: round((100 * cpu) / ((settings.durationMs as number) / 1000), 1),
    nodeRssMB: [round(before.rss / 2 ** 20, 1), round(after.rss / 2 ** 20, 1)],
    nodeConnections: [before.connections, after.connections],
    converged: new Set(results.flatMap((r) => r.textLengths)).size === 1,
    clientLoopLagP99Ms: results.map((r) => round(r.clientLoopLagP99Ms)),
  }
}

export async function runHotDoc(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 500),
    typists: Number(options.settings.typists ?? 20),
    measurers: Number(options.settings.measurers ?? 60),
    rate: Number(options.settings.rate ?? 10),
    procs: Number(options.settings.procs ?? 4),
    warmupMs: Number(options.settings.warmupSec ?? 3) * 1000,
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
  }
  const runs = await forEachFleet(
    options,
    {
      scenario: 'hot document',
      fleets: 'weft,hocuspocus-bare,y-websocket-server',
      nodes: 1,
      persistence: false,
    },
    async (fleet, runId) => {
      const result = await measure(fleet, settings, runId)
      log(`hot document: ${JSON.stringify(result)}`)
      return [result]
    },
  )
  printTable(
    `Scenario 3: hot document, ${settings.clients} clients (${settings.measurers} full providers), ${settings.typists} typists at ${settings.rate}/s, one node (ms)`,
    runs.map((r) => ({
      fleet: r.fleet,
      sent: r.sent,
      'delivered % (providers)': r.deliveredPercent,
      'KB/s per light receiver': r.lightKBPerReceiverPerSec,
      p50: r.latency.p50,
      p99: r.latency.p99,
      max: r.latency.max,
      'p50 first/last 3 s': `${r.p50First3sMs} / ${r.p50Last3sMs}`,
      'node loop lag p99': r.nodeLoopLagP99Ms,
      'node CPU %': r.nodeCpuPercent,
      'node RSS MB start/end': r.nodeRssMB.join(' / '),
      'node connections start/end': r.nodeConnections.join(' / '),
      converged: r.converged ? 'yes' : 'NO',
      'client loop lag p99': r.clientLoopLagP99Ms.join(' / '),
    })),
  )
  const ratios = compareFleets(runs, [
    { name: 'delivery p50 (ms)', pick: (r) => r.latency.p50 as number },
    { name: 'delivery p99 (ms)', pick: (r) => r.latency.p99 as number },
    { name: 'node event-loop lag p99 (ms)', pick: (r) => r.nodeLoopLagP99Ms },
    { name: 'node CPU %', pick: (r) => r.nodeCpuPercent },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('hot-doc', { settings, runs, ratios })
}
