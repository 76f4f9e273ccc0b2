/**
 * Scenario 8: reconnect storm. A 2-node fleet; `clients` clients on node A (their reconnects go
 * to node B, as a load balancer would send them once A is gone) and `observers` on node B, on
 * `docs` documents; every `writerEvery`-th client of either node writes a new map key `rate`
 * times a second. `killAfterSec` after the start node A is killed with SIGKILL; writers go on
 * for `writeAfterKillSec`. Measured: for each of A's clients, the time from the kill until it
 * is synced again through node B; and lost updates — for every document, the keys written
 * (counted by the writers) against the keys a fresh client on node B reads at the end, and
 * against what every client holds.
 */

import { type ClientProcess, spawnClients, startTogether } from '../clientProcess.ts'
import { type BenchClient, connectBenchClient, sleep, whenSynced } from '../clients.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, summarize, writeResult } from '../report.ts'

interface StormResult {
  clients: number
  resyncMs: (number | null)[]
  writes: Record<string, number>
  held: Record<string, number[]>
}

export async function runReconnectStorm(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 1_000),
    observers: Number(options.settings.observers ?? 20),
    docs: Number(options.settings.docs ?? 100),
    procs: Number(options.settings.procs ?? 2),
    writerEvery: Number(options.settings.writerEvery ?? 10),
    rate: Number(options.settings.rate ?? 2),
    killAfterMs: Number(options.settings.killAfterSec ?? 3) * 1000,
    writeAfterKillMs: Number(options.settings.writeAfterKillSec ?? 8) * 1000,
    resyncLimitMs: Number(options.settings.resyncLimitSec ?? 60) * 1000,
    settleMs: Number(options.settings.settleSec ?? 3) * 1000,
  }
  const measure = async (fleet: BenchFleet, runId: string) => {
    const [nodeA, nodeB] = fleet.nodes as [BenchFleet['nodes'][0], BenchFleet['nodes'][0]]
    const docs = Array.from({ length: settings.docs }, (_, i) => `grid:bench-storm-${runId}-${i}`)
    const common = {
      protocol: fleet.protocol,
      writerEvery: settings.writerEvery,
      rate: settings.rate,
      killAfterMs: settings.killAfterMs,
      stopAfterMs: settings.killAfterMs + settings.writeAfterKillMs,
      resyncLimitMs: settings.resyncLimitMs,
      settleMs: settings.settleMs,
    }
    const limitMs = common.stopAfterMs + settings.resyncLimitMs + 300_000
    const children: ClientProcess<StormResult>[] = []
    for (let proc = 0; proc < settings.procs; proc++) {
      children.push(
        spawnClients<StormResult>(
          'scenarios/stormClients.ts',
          {
            ...common,
            urls: [nodeA.wsUrl, nodeB.wsUrl],
            docs: Array.from({ length: settings.clients }, (_, i) => docs[i % docs.length]).filter(
              (_, i) => i % settings.procs === proc,
            ),
            tag: `a${proc}`,
          },
          limitMs,
        ),
      )
    }
    const observers = spawnClients<StormResult>(
      'scenarios/stormClients.ts',
      {
        ...common,
        urls: [nodeB.wsUrl],
        docs: Array.from({ length: settings.observers }, (_, i) => docs[i % docs.length]),
        tag: 'b',
      },
      limitMs,
    )
    const startAt = await startTogether([...children, observers])
    await sleep(
      (startAt + settings.killAfterMs * 1000 - Number(process.hrtime.bigint() / 1000n)) / 1000,
    )
    await nodeA.process.kill()
    const results = await Promise.all([...children, observers].map((child) => child.result))
    // A fresh reader on the surviving node: what the fleet holds now.
    const readers: BenchClient[] = docs.map((name) =>
      connectBenchClient(fleet.protocol, [nodeB.wsUrl], name),
    )
    await Promise.all(readers.map((reader) => whenSynced(reader, 60_000)))
    const written: Record<string, number> = {}
    for (const result of results)
      for (const [name, count] of Object.entries(result.writes))
        written[name] = (written[name] ?? 0) + count
    let lost = 0
    let clientsMissing = 0
    docs.forEach((name, i) => {
      const expected = written[name] ?? 0
      const stored = (readers[i] as BenchClient).doc.getMap('log').size
      lost += Math.max(0, expected - stored)
      for (const result of results)
        for (const held of result.held[name] ?? []) if (held < expected) clientsMissing++
    })
    for (const reader of readers) reader.destroy()
    const resync = results.flatMap((r) => r.resyncMs)
    const done = resync.filter((ms): ms is number => ms !== null)
    const run = {
      fleet: fleet.label,
      clientsOnA: resync.length,
      resynced: done.length,
      resyncMs: summarize(done),
      allWithin5s: done.length === resync.length && done.every((ms) => ms <= 5_000),
      updatesWritten: Object.values(written).reduce((sum, n) => sum + n, 0),
      lostUpdates: lost,
      clientsMissingUpdates: clientsMissing,
    }
    log(`reconnect storm: ${JSON.stringify(run)}`)
    return [run]
  }
  const runs = await forEachFleet(
    options,
    { scenario: 'reconnect-storm', fleets: 'weft,hocuspocus', nodes: 2, persistence: false },
    measure,
  )
  printTable(
    `Scenario 8: reconnect storm, node A (${settings.clients} clients) killed, ${settings.docs} docs; resync = kill -> synced on node B (ms)`,
    runs.map((r) => ({
      fleet: r.fleet,
      'clients on A': r.clientsOnA,
      resynced: r.resynced,
      'resync p50': r.resyncMs.p50,
      'resync p95': r.resyncMs.p95,
      'resync p99': r.resyncMs.p99,
      'resync max': r.resyncMs.max,
      'all <= 5 s': r.allWithin5s ? 'yes' : 'no',
      'updates written': r.updatesWritten,
      lost: r.lostUpdates,
      'clients missing updates': r.clientsMissingUpdates,
    })),
  )
  const ratios = compareFleets(runs, [
    { name: 'resync p50 (ms)', pick: (r) => r.resyncMs.p50 as number },
    { name: 'resync max (ms)', pick: (r) => r.resyncMs.max as number },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('reconnect-storm', { settings, runs, ratios })
}
