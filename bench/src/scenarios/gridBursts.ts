/**
 * Scenario 9: grid/canvas bursts. A 2-node fleet, `clients` clients on `docs` board documents
 * (half of each document's clients on each node) writing `rate` times a second: even clients set
 * cells of a 50×50 grid, odd clients move one of 20 shapes (the whole box, as canvas-model does),
 * so writes to one key collide across nodes. Latency = a write on one node → its arrival at a
 * client on the other node. Afterwards every client's content is digested: converged means all
 * clients of a document, on both nodes, hold the same cells and shapes.
 */
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, writeResult } from '../report.ts'
import { crossNodeColumns, measureCrossNode } from './propagation.ts'

export async function runGridBursts(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 50),
    docs: Number(options.settings.docs ?? 1),
    rate: Number(options.settings.rate ?? 30),
    gridSize: Number(options.settings.gridSize ?? 50),
    shapes: Number(options.settings.shapes ?? 20),
    warmupMs: Number(options.settings.warmupSec ?? 3) * 1000,
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
    clientNice:
      options.settings.clientNice === undefined ? undefined : Number(options.settings.clientNice),
  }
  const runs = await forEachFleet(
    options,
    { scenario: 'grid bursts', fleets: 'weft,hocuspocus', nodes: 2, persistence: false },
    async (fleet, runId) => {
      const docs = Array.from(
        { length: settings.docs },
        (_, i) => `grid:bench-burst-${runId.replace(/_/g, '-')}-${i}`,
      )
      const perDoc = Math.max(1, Math.round(settings.clients / docs.length / 2))
      const measured = await measureCrossNode(fleet, { ...settings, perDoc }, docs, {
        workload: 'grid',
        gridSize: settings.gridSize,
        shapes: settings.shapes,
      })
      const { results: _, ...run } = measured
      log(`grid bursts: ${JSON.stringify(run)}`)
      return [run]
    },
  )
  printTable(
    `Scenario 9: grid/canvas bursts, ${settings.clients} clients on ${settings.docs} doc(s), ${settings.rate} writes/s each, 2 nodes (ms)`,
    runs.map((r) => crossNodeColumns(r)),
  )
  const ratios = compareFleets(runs, [
    { name: 'cross-node p50 (ms)', pick: (r) => r.cross.p50 as number },
    { name: 'cross-node p99 (ms)', pick: (r) => r.cross.p99 as number },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('grid-bursts', { settings, runs, ratios })
}
