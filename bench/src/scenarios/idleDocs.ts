/**
 * Scenario 5: memory per idle document. `docs` small documents on one node (one client each, in
 * `procs` child processes; each writes `contentChars` characters and one map entry), held idle.
 * Memory per document = (node heap after a full GC, and RSS, with the documents loaded − before,
 * after one warm-up document has been loaded and unloaded) / documents. Then every client disconnects and the node's document count is polled until it
 * reaches 0: unload time, and the heap left after a full GC `retainedAfterSec` later. (@y/websocket-server unloads a
 * document only when a persistence is set; `--set persistence=1` gives the references theirs.)
 */
import { sleep } from '../clients.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, round, writeResult } from '../report.ts'
import { nodeStats, waitForDocuments } from '../stats.ts'
import { holdIdleClients } from './idleLoad.ts'

const MB = 2 ** 20

export async function runIdleDocs(options: BenchOptions): Promise<void> {
  const settings = {
    docs: Number(options.settings.docs ?? 1_000),
    procs: Number(options.settings.procs ?? 2),
    batch: Number(options.settings.batch ?? 100),
    contentChars: Number(options.settings.contentChars ?? 200),
    settleMs: Number(options.settings.settleSec ?? 5) * 1000,
    unloadTimeoutMs: Number(options.settings.unloadTimeoutSec ?? 60) * 1000,
    awareness: options.settings.awareness !== '0',
    retainedAfterMs: Number(options.settings.retainedAfterSec ?? 1) * 1000,
  }
  const measure = async (fleet: BenchFleet, runId: string) => {
    const node = fleet.nodes[0] as BenchFleet['nodes'][0]
    // One document through the whole cycle first, so that one-time costs (code run for the
    // first time, Prisma's query compiler loaded on the first query: ~6 MB in ours) land in the
    // baseline instead of being divided among the documents. (A fleet that never unloads keeps
    // this one document; it is counted in the baseline, not among the loaded ones.)
    const warmup = await holdIdleClients(fleet, [`grid:bench-idle-${runId}-warmup`], {
      ...settings,
      procs: 1,
    })
    await warmup.close()
    await waitForDocuments(node, 0, 5_000)
    const baseline = await nodeStats(node, { gc: true })
    const docs = Array.from({ length: settings.docs }, (_, i) => `grid:bench-idle-${runId}-${i}`)
    const held = await holdIdleClients(fleet, docs, settings)
    await sleep(settings.settleMs)
    const loaded = await nodeStats(node, { gc: true })
    const closed = await held.close()
    const unloaded = await waitForDocuments(node, baseline.documents, settings.unloadTimeoutMs)
    await sleep(settings.retainedAfterMs)
    const after = await nodeStats(node, { gc: true })
    const run = {
      fleet: fleet.label,
      docs: closed.clients,
      loaded: loaded.documents - baseline.documents,
      heapPerDocKB: round((loaded.heapUsed - baseline.heapUsed) / 1024 / settings.docs, 1),
      rssPerDocKB: round((loaded.rss - baseline.rss) / 1024 / settings.docs, 1),
      heapLoadedMB: round(loaded.heapUsed / MB, 1),
      rssLoadedMB: round(loaded.rss / MB, 1),
      unloadSec: round(unloaded.ms / 1000, 2),
      leftLoaded: unloaded.documents - baseline.documents,
      heapRetainedKBPerDoc: round((after.heapUsed - baseline.heapUsed) / 1024 / settings.docs, 1),
      connectSec: round(held.connectMs / 1000, 1),
    }
    log(`idle docs: ${JSON.stringify(run)}`)
    return [run]
  }
  const runs = await forEachFleet(
    options,
    {
      scenario: 'idle-docs',
      fleets: 'weft,hocuspocus-bare,y-websocket-server',
      nodes: 1,
      persistence: options.settings.persistence === '1',
    },
    measure,
  )
  printTable(
    `Scenario 5: memory per idle document, ${settings.docs} docs of ${settings.contentChars} chars, one node`,
    runs.map((r) => ({
      fleet: r.fleet,
      docs: r.docs,
      'loaded on node': r.loaded,
      'heap/doc KB': r.heapPerDocKB,
      'RSS/doc KB': r.rssPerDocKB,
      'heap MB': r.heapLoadedMB,
      'RSS MB': r.rssLoadedMB,
      'all unloaded after s': r.unloadSec,
      'still loaded': r.leftLoaded,
      'heap retained/doc KB': r.heapRetainedKBPerDoc,
    })),
  )
  const ratios = compareFleets(runs, [
    { name: 'heap per document (KB)', pick: (r) => r.heapPerDocKB },
    { name: 'RSS per document (KB)', pick: (r) => r.rssPerDocKB },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('idle-docs', { settings, runs, ratios })
}
