/**
 * Scenario 9: grid/canvas bursts. A 2-node fleet, `clients` clients on `docs` board documents
 * (half of each document's clients on each node) writing `rate` times a second: even clients set
 * cells of a 50×50 grid, odd clients move one of 20 shapes (the whole box, as canvas-model does),
 * so writes to one key collide across nodes. Latency = a write on one node → its arrival at a
 * client on the other node. Afterwards every client's content is digested: converged means all
 * clients of a document, on both nodes, hold the same cells and shapes.
 */
import { startPostgres } from '@weft/testkit'
import { type FleetKind, startBenchFleet } from '../fleets.ts'
import type { BenchOptions } from '../main.ts'
import { compareFleets, log, printTable, round, summarize, writeResult } from '../report.ts'
import { measureCrossNode } from './propagation.ts'

export async function runGridBursts(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 50),
    docs: Number(options.settings.docs ?? 1),
    rate: Number(options.settings.rate ?? 30),
    gridSize: Number(options.settings.gridSize ?? 50),
    shapes: Number(options.settings.shapes ?? 20),
    warmupMs: Number(options.settings.warmupSec ?? 3) * 1000,
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
  }
  const kinds = (options.settings.fleets ?? 'weft,hocuspocus').split(',') as FleetKind[]
  const postgres = await startPostgres()
  const runs = []
  try {
    for (let round_ = 0; round_ < options.repeat; round_++) {
      const order = round_ % 2 === 0 ? kinds : [...kinds].reverse()
      for (const kind of order) {
        const tag = `grid_${kind.replace(/-/g, '_')}_${round_}_${Date.now()}`
        log(`grid bursts: ${kind} (round ${round_ + 1}/${options.repeat})`)
        const fleet = await startBenchFleet({ kind, nodes: 2, postgres, persistence: false, tag })
        try {
          const docs = Array.from(
            { length: settings.docs },
            (_, i) => `grid:bench-burst-${round_}-${kind}-${i}`,
          )
          const perDoc = Math.max(1, Math.round(settings.clients / docs.length / 2))
          const measured = await measureCrossNode(fleet, { ...settings, perDoc }, docs, {
            workload: 'grid',
            gridSize: settings.gridSize,
            shapes: settings.shapes,
          })
          const { results } = measured
          const converged = docs.every((name) => {
            const all = results.flatMap((r) => r.digests[name] ?? [])
            return all.length === perDoc * 2 && new Set(all).size === 1
          })
          const run = {
            fleet: fleet.label,
            clients: perDoc * 2 * docs.length,
            sent: results.reduce((sum, r) => sum + r.sent, 0),
            cross: summarize(results.flatMap((r) => r.cross)),
            sameNode: summarize(results.flatMap((r) => r.same)),
            converged,
            clientLoopLagP99Ms: results.map((r) => round(r.clientLoopLagP99Ms)),
            nodeCpuPercent: measured.nodeCpuPercent,
            publishCalls: measured.publishCalls,
            redisBytesOut: measured.redisBytesOut,
          }
          log(`grid bursts: ${JSON.stringify(run)}`)
          runs.push(run)
        } finally {
          await fleet.destroy()
        }
      }
    }
  } finally {
    await postgres.destroy()
  }
  printTable(
    `Scenario 9: grid/canvas bursts, ${settings.clients} clients on ${settings.docs} doc(s), ${settings.rate} writes/s each, 2 nodes (ms)`,
    runs.map((r) => ({
      fleet: r.fleet,
      sent: r.sent,
      'cross samples': r.cross.count,
      'cross p50': r.cross.p50,
      'cross p99': r.cross.p99,
      'cross max': r.cross.max,
      'same-node p99': r.sameNode.p99,
      converged: r.converged ? 'yes' : 'NO',
      'node CPU %': r.nodeCpuPercent.join(' / '),
      'client loop lag p99': r.clientLoopLagP99Ms.join(' / '),
      publishes: r.publishCalls,
    })),
  )
  const ratios = compareFleets(runs, [
    { name: 'cross-node p50 (ms)', pick: (r) => r.cross.p50 as number },
    { name: 'cross-node p99 (ms)', pick: (r) => r.cross.p99 as number },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('grid-bursts', { settings, runs, ratios })
}
