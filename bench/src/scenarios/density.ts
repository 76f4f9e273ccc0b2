/**
 * Scenario 4: connection density. `sockets` idle clients (one socket each, in `procs` child
 * processes) on `docs` documents of one node. Measured once all are synced and `settleSec` has
 * passed: the node's RSS (and per socket, over the node's RSS before the clients came), heap
 * after a full GC, and its CPU while the clients sit idle for `idleSec`: what remains is each
 * provider's awareness renewal every 15 s (broadcast to the document's other clients) and the
 * servers' own timers; `--set awareness=0` clears every client's awareness state first, so that
 * only the servers' own periodic work is left. With `--cpu-prof` the idle window is profiled too
 * (/tmp/weft-bench-prof/idle-<run>.cpuprofile); with `--set heapSnapshot=1` each node's heap is
 * written after the idle window (/tmp/weft-bench-prof/heap-<fleet>-<run>.heapsnapshot; summarise
 * and compare them with heapSummary.ts).
 */
import { mkdirSync } from 'node:fs'
import { sleep } from '../clients.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, round, writeResult } from '../report.ts'
import { nodeMemory, nodeStats, processCpuSeconds, profileWindow } from '../stats.ts'
import { holdIdleClients } from './idleLoad.ts'

const MB = 2 ** 20

export async function runDensity(options: BenchOptions): Promise<void> {
  const settings = {
    sockets: Number(options.settings.sockets ?? 10_000),
    docs: Number(options.settings.docs ?? 1_000),
    procs: Number(options.settings.procs ?? 4),
    batch: Number(options.settings.batch ?? 100),
    settleMs: Number(options.settings.settleSec ?? 5) * 1000,
    idleMs: Number(options.settings.idleSec ?? 10) * 1000,
    awareness: options.settings.awareness !== '0',
    heapSnapshot: options.settings.heapSnapshot === '1',
    allocProfile: options.settings.allocProfile === '1',
  }
  const measure = async (fleet: BenchFleet, runId: string) => {
    const node = fleet.nodes[0] as BenchFleet['nodes'][0]
    const baseline = await nodeStats(node, { gc: true })
    const whereBefore = await nodeMemory(node)
    const docs = Array.from(
      { length: settings.sockets },
      (_, i) => `grid:bench-dense-${runId}-${i % settings.docs}`,
    )
    const held = await holdIdleClients(fleet, docs, { ...settings, contentChars: 0 })
    await sleep(settings.settleMs)
    const loaded = await nodeStats(node, { reset: true })
    if (options.cpuProf) await profileWindow(node)
    if (settings.allocProfile) await (await fetch(`${node.statsUrl}/alloc/start`)).json()
    const cpuBefore = processCpuSeconds(node.process.child.pid)
    await sleep(settings.idleMs)
    const cpu = processCpuSeconds(node.process.child.pid) - cpuBefore
    if (options.cpuProf) {
      const file = `/tmp/weft-bench-prof/idle-${runId}.cpuprofile`
      await profileWindow(node, file)
      log(`density: CPU profile of the idle window in ${file}`)
    }
    if (settings.allocProfile) {
      mkdirSync('/tmp/weft-bench-prof', { recursive: true })
      const file = `/tmp/weft-bench-prof/alloc-${fleet.label.replace(/[^\w.-]/g, '_')}-${runId}.heapprofile`
      await (await fetch(`${node.statsUrl}/alloc/stop?file=${encodeURIComponent(file)}`)).json()
      log(`density: allocations of the idle window in ${file} (allocationSummary.ts)`)
    }
    const idle = await nodeStats(node)
    const where = await nodeMemory(node)
    const collected = await nodeStats(node, { gc: true })
    const whereAfterGc = await nodeMemory(node)
    if (settings.heapSnapshot) {
      mkdirSync('/tmp/weft-bench-prof', { recursive: true })
      const file = `/tmp/weft-bench-prof/heap-${fleet.label.replace(/[^\w.-]/g, '_')}-${runId}.heapsnapshot`
      await (await fetch(`${node.statsUrl}/heap-snapshot?file=${encodeURIComponent(file)}`)).json()
      log(`density: heap snapshot in ${file}`)
    }
    const closed = await held.close()
    const run = {
      fleet: fleet.label,
      sockets: closed.clients,
      stillSynced: closed.stillSynced,
      documents: loaded.documents,
      connectSec: round(held.connectMs / 1000, 1),
      rssMB: round(idle.rss / MB, 1),
      rssPerSocketKB: round((idle.rss - baseline.rss) / 1024 / closed.clients, 1),
      heapAfterGcMB: round(collected.heapUsed / MB, 1),
      heapPerSocketKB: round((collected.heapUsed - baseline.heapUsed) / 1024 / closed.clients, 1),
      idleCpuPercent: round((100 * cpu) / (settings.idleMs / 1000), 2),
      idleLoopLagP99Ms: round(idle.loopLagMs.p99),
      // Collections in the idle window: how many, and their pause time (load-independent count).
      idleMinorGcs: idle.gc.minor.count - loaded.gc.minor.count,
      idleMajorGcs: idle.gc.major.count - loaded.gc.major.count,
      idleGcMs: round(
        idle.gc.minor.ms + idle.gc.major.ms - loaded.gc.minor.ms - loaded.gc.major.ms,
        1,
      ),
      baselineRssMB: round(baseline.rss / MB, 1),
      memory: { before: whereBefore, idle: where, afterGc: whereAfterGc },
    }
    log(`density: ${JSON.stringify(run)}`)
    return [run]
  }
  const runs = await forEachFleet(
    options,
    {
      scenario: 'density',
      fleets: 'weft,hocuspocus-bare,y-websocket-server',
      nodes: 1,
      persistence: false,
    },
    measure,
  )
  printTable(
    `Scenario 4: connection density, ${settings.sockets} idle sockets on ${settings.docs} docs, one node, awareness ${settings.awareness ? 'on' : 'off'}`,
    runs.map((r) => ({
      fleet: r.fleet,
      sockets: r.sockets,
      'still synced': r.stillSynced,
      'connect s': r.connectSec,
      'RSS MB': r.rssMB,
      'RSS before MB': r.baselineRssMB,
      'RSS/socket KB': r.rssPerSocketKB,
      'heap after GC MB': r.heapAfterGcMB,
      'heap/socket KB': r.heapPerSocketKB,
      'idle CPU %': r.idleCpuPercent,
      'idle loop lag p99': r.idleLoopLagP99Ms,
      'idle GCs minor/major (ms)': `${r.idleMinorGcs}/${r.idleMajorGcs} (${r.idleGcMs})`,
    })),
  )
  printTable(
    'Where the RSS is: before any socket / at the end of the idle window / after a full GC, MB',
    runs.map((r) => {
      const { before, idle, afterGc } = r.memory
      const both = (pick: (m: typeof idle) => number) =>
        `${pick(before)} / ${pick(idle)} / ${pick(afterGc)}`
      return {
        fleet: r.fleet,
        RSS: both((m) => m.rssMB),
        'new space committed': both((m) => m.spaces.new_space?.committedMB ?? 0),
        'old space committed/used': [before, idle, afterGc]
          .map((m) => `${m.spaces.old_space?.committedMB}/${m.spaces.old_space?.usedMB}`)
          .join(' / '),
        'V8 committed': both((m) => m.v8CommittedMB),
        'malloc [heap]': both((m) => m.mallocHeapMB),
        'other anon': both((m) => m.otherAnonMB),
        'arena-like (n)': `${before.arenaLikeMB} (${before.arenaLikeCount}) / ${idle.arenaLikeMB} (${idle.arenaLikeCount})`,
        'file-backed': both((m) => m.fileBackedMB),
      }
    }),
  )
  const ratios = compareFleets(runs, [
    { name: 'RSS (MB)', pick: (r) => r.rssMB },
    { name: 'RSS per socket (KB)', pick: (r) => r.rssPerSocketKB },
    { name: 'idle CPU %', pick: (r) => r.idleCpuPercent },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('density', { settings, runs, ratios })
}
