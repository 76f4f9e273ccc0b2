/**
 * Scenario 2: a keystroke trace typed by one client on node A and read by a client on node B,
 * persistence on. Three parts per fleet, in this order on one fleet:
 *  - fresh: the first `prefix` keystrokes (default 137,000 of automerge-paper, issue 2's target)
 *    typed right after the fleet's processes started (first document they ever load);
 *  - warm: the same prefix again, on a new document, on the now warmed-up processes;
 *  - full: the whole trace on a new document, then the stored bytes once it is unloaded.
 * Reported: updates/s (keystrokes / time from the first send until B's text equals A's),
 * Redis PUBLISH calls and bytes, CPU seconds of each node process, stored bytes.
 */
import { mkdirSync } from 'node:fs'
import { loadTrace, startPostgres, type Trace } from '@weft/testkit'
import * as Y from 'yjs'
import { applyTxn, connectBenchClient, nextTurn, sleep, whenSynced } from '../clients.ts'
import { type BenchFleet, type FleetKind, SINGLE_NODE_KINDS, startBenchFleet } from '../fleets.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, round, writeResult } from '../report.ts'
import { diffCounters, processCpuSeconds, readFlushStats, redisCounters } from '../stats.ts'

interface ReplayResult {
  fleet: string
  part: string
  keystrokes: number
  finished: boolean
  sendSec: number
  visibleSec: number
  updatesPerSec: number
  /** Share of the writer's inserted characters the reader had when the clock stopped. */
  readerProgress: number
  textMatches: boolean
  publishCalls: number
  redisBytesIn: number
  redisBytesOut: number
  nodeCpuSec: number[]
  /** Node A's Hocuspocus Document.flush during the part: per-turn merges of received updates. */
  flushA: { flushes: number; meanBatch: number; mergeSec: number; updatesInBatchesOver1000: number }
  stored?: Record<string, number>
  /**
   * Node B's unload checks so far (`weft_unload_checks_total`, decision 0202): skipped /
   * written / compared. At the end of the warm part they include the fresh part's document.
   */
  unloadChecksB?: string
  error?: string
}

let CHUNK = 250

async function replay(
  fleet: BenchFleet,
  documentName: string,
  part: string,
  txns: Trace['txns'],
  expected: string | null,
  timeoutMs: number,
  flushDir: string,
): Promise<ReplayResult> {
  // A single-node reference (y-websocket-server, bare Hocuspocus) has writer and reader on its
  // one process: the bar for "the fleet adds nothing" (issue 17).
  const nodeA = fleet.nodes[0] as BenchFleet['nodes'][0]
  const nodeB = fleet.nodes[1] ?? nodeA
  const writer = connectBenchClient(fleet.protocol, [nodeA.wsUrl], documentName)
  const reader = connectBenchClient(fleet.protocol, [nodeB.wsUrl], documentName)
  try {
    await Promise.all([whenSynced(writer), whenSynced(reader)])
  } catch (error) {
    writer.destroy()
    reader.destroy()
    throw error
  }
  const text = writer.doc.getText('text')
  const readerText = reader.doc.getText('text')
  const flushBefore = readFlushStats(flushDir, nodeA.process.child.pid)
  const cpuBefore = fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid))
  const redisBefore = redisCounters(fleet.redis)
  const deadline = performance.now() + timeoutMs
  const started = performance.now()
  if (part === 'paced') {
    // One keystroke per timer tick (~1 ms): every update reaches the server in its own turn,
    // as with real typists, so per-update costs (the stock SyncStep1 exchange) show.
    for (let i = 0; i < txns.length && performance.now() < deadline; i++) {
      applyTxn(text, (txns[i] as Trace['txns'][number]).patches)
      await sleep(1)
    }
  } else {
    for (let i = 0; i < txns.length && performance.now() < deadline; i += CHUNK) {
      for (const txn of txns.slice(i, i + CHUNK)) applyTxn(text, txn.patches)
      await nextTurn()
    }
  }
  const sent = performance.now()
  const target = text.toString()
  let finished = false
  while (performance.now() < deadline) {
    if (readerText.length === target.length && readerText.toString() === target) {
      finished = true
      break
    }
    await sleep(20)
  }
  const visible = performance.now()
  const writerClock = Y.getState(writer.doc.store, writer.doc.clientID)
  const readerClock = Y.getState(reader.doc.store, writer.doc.clientID)
  const redis = diffCounters(redisCounters(fleet.redis), redisBefore)
  const cpu = fleet.nodes.map((node, i) =>
    round(processCpuSeconds(node.process.child.pid) - (cpuBefore[i] ?? 0)),
  )
  const flushAfter = readFlushStats(flushDir, nodeA.process.child.pid)
  const flush = flushAfter.map((bucket, i) => {
    const before = flushBefore[i]
    return {
      upTo: bucket.upTo,
      flushes: bucket.flushes - (before?.flushes ?? 0),
      updates: bucket.updates - (before?.updates ?? 0),
      ms: bucket.ms - (before?.ms ?? 0),
    }
  })
  const flushes = flush.reduce((sum, b) => sum + b.flushes, 0)
  const flushedUpdates = flush.reduce((sum, b) => sum + b.updates, 0)
  writer.destroy()
  reader.destroy()
  const elapsed = (visible - started) / 1000
  const unloadChecksB = await unloadChecks(nodeB.wsUrl)
  return {
    fleet: fleet.label,
    part,
    keystrokes: txns.length,
    finished,
    sendSec: round((sent - started) / 1000),
    visibleSec: round(elapsed),
    updatesPerSec: finished ? Math.round(txns.length / elapsed) : Number.NaN,
    readerProgress: round(writerClock === 0 ? 1 : readerClock / writerClock, 4),
    textMatches: finished && (expected === null || target === expected),
    publishCalls: redis.publishCalls ?? 0,
    redisBytesIn: redis.total_net_input_bytes ?? 0,
    redisBytesOut: redis.total_net_output_bytes ?? 0,
    nodeCpuSec: cpu,
    ...(unloadChecksB ? { unloadChecksB } : {}),
    flushA: {
      flushes,
      meanBatch: flushes ? Math.round(flushedUpdates / flushes) : 0,
      mergeSec: round(flush.reduce((sum, b) => sum + b.ms, 0) / 1000),
      updatesInBatchesOver1000: flush
        .filter((b) => b.upTo > 1000)
        .reduce((sum, b) => sum + b.updates, 0),
    },
  }
}

/** "skipped / written / compared" from a weft node's metrics; null for a node without them (references). */
async function unloadChecks(wsUrl: string): Promise<string | null> {
  try {
    const response = await fetch(`${wsUrl.replace(/^ws/, 'http')}/metrics`)
    if (!response.ok) return null
    const text = await response.text()
    const count = (check: string) =>
      text.match(new RegExp(`^weft_unload_checks_total\\{check="${check}"\\} (\\d+)$`, 'm'))?.[1] ??
      '0'
    return text.includes('weft_unload_checks_total')
      ? `${count('skipped')} / ${count('written')} / ${count('compared')}`
      : null
  } catch {
    return null
  }
}

function failedPart(fleet: string, part: string, keystrokes: number, error: unknown): ReplayResult {
  return {
    fleet,
    part,
    keystrokes,
    finished: false,
    sendSec: Number.NaN,
    visibleSec: Number.NaN,
    updatesPerSec: Number.NaN,
    readerProgress: 0,
    textMatches: false,
    publishCalls: 0,
    redisBytesIn: 0,
    redisBytesOut: 0,
    nodeCpuSec: [],
    flushA: { flushes: 0, meanBatch: 0, mergeSec: 0, updatesInBatchesOver1000: 0 },
    error: (error as Error).message,
  }
}

/** Waits until the stored bytes stop changing (the unload store and any compaction are done). */
async function settledStoredBytes(fleet: BenchFleet, documentName: string) {
  let previous = ''
  let stored: Record<string, number> = {}
  for (let i = 0; i < 40; i++) {
    await sleep(1_000)
    stored = await fleet.storedBytes(documentName)
    const now = JSON.stringify(stored)
    if (now === previous && Object.values(stored).some((value) => value > 0)) break
    previous = now
  }
  return stored
}

export async function runTrace(options: BenchOptions): Promise<void> {
  const traceName = options.settings.trace ?? 'automerge-paper'
  const trace = loadTrace(traceName)
  const prefix = Math.min(trace.txns.length, Number(options.settings.prefix ?? 137_000))
  const parts = (options.settings.parts ?? 'fresh,warm,paced,full').split(',')
  const paced = Number(options.settings.paced ?? 3000)
  const timeoutMs = Number(options.settings.timeoutSec ?? 120) * 1000
  CHUNK = Math.max(1, Number(options.settings.chunk ?? 250))
  const kinds = (options.settings.fleets ?? 'weft,hocuspocus').split(',') as FleetKind[]
  const postgres = await startPostgres()
  const results: ReplayResult[] = []
  try {
    for (let round_ = 0; round_ < options.repeat; round_++) {
      const order = round_ % 2 === 0 ? kinds : [...kinds].reverse()
      for (const kind of order) {
        // Unique across benches run at once (the pid: profile folders, database names), and short:
        // it names a Postgres database, at most 63 bytes.
        const tag = `trace_${kind}_${round_}_${Date.now().toString(36)}${process.pid.toString(36)}`
        log(`trace: starting ${kind} fleet (round ${round_ + 1}/${options.repeat})`)
        const flushDir = `/tmp/weft-bench-flush/${tag}`
        mkdirSync(flushDir, { recursive: true })
        const single = SINGLE_NODE_KINDS.includes(kind)
        const fleet = await startBenchFleet({
          flushStatsDir: flushDir,
          kind,
          nodes: single ? 1 : 2,
          postgres,
          // The single-process references run with nothing behind them, as issue 17 compares.
          persistence: !single,
          tag,
          ...(options.cpuProf ? { cpuProfDir: `/tmp/weft-bench-prof/${tag}` } : {}),
        })
        try {
          for (const part of parts) {
            const full = part === 'full'
            // paced: the next keystrokes after the prefix, on the warm part's document.
            const txns = full
              ? trace.txns
              : part === 'paced'
                ? trace.txns.slice(prefix, prefix + paced)
                : trace.txns.slice(0, prefix)
            const documentName = `code:bench-trace-${part === 'paced' ? 'warm' : part}-${round_}`
            log(`trace: ${fleet.label} ${part} (${txns.length} keystrokes)`)
            let result: ReplayResult
            try {
              result = await replay(
                fleet,
                documentName,
                part,
                txns,
                full ? trace.endContent : null,
                timeoutMs,
                flushDir,
              )
            } catch (error) {
              // A part that cannot even start (a node too busy to sync a client) is a result too.
              log(`trace: ${fleet.label} ${part} failed: ${(error as Error).message}`)
              results.push(failedPart(fleet.label, part, txns.length, error))
              continue
            }
            if (full) result.stored = await settledStoredBytes(fleet, documentName)
            log(`trace: ${JSON.stringify(result)}`)
            results.push(result)
          }
        } finally {
          await fleet.destroy()
        }
      }
    }
  } finally {
    await postgres.destroy()
  }
  printTable(
    `Scenario 2: ${traceName} replay, writer on node A, reader on node B (one-node fleets: both on it; prefix ${prefix} for fresh/warm)`,
    results.map((r) => ({
      fleet: r.fleet,
      part: r.part,
      keystrokes: r.keystrokes,
      finished: r.finished,
      'visible s': r.visibleSec,
      'updates/s': r.updatesPerSec,
      'reader progress': r.readerProgress,
      'text ok': r.textMatches,
      publishes: r.publishCalls,
      'redis MB out': round(r.redisBytesOut / 1e6),
      'node CPU s': r.nodeCpuSec.join(' / '),
      'CPU ms/key': round((1000 * r.nodeCpuSec.reduce((a, b) => a + b, 0)) / r.keystrokes, 3),
      'publishes/key': round(r.publishCalls / r.keystrokes, 2),
      'redis B out/key': Math.round(r.redisBytesOut / r.keystrokes),
      'A flushes': r.flushA.flushes,
      'A mean batch': r.flushA.meanBatch,
      'A merge s': r.flushA.mergeSec,
      stored: r.stored ? JSON.stringify(r.stored) : '',
      'B unload checks skipped / written / compared': r.unloadChecksB ?? '',
    })),
  )
  const ratios = compareFleets(
    results,
    parts.map((part) => ({
      name: `${part}: s until visible on B`,
      filter: (r: ReplayResult) => r.part === part,
      pick: (r: ReplayResult) => (r.finished ? r.visibleSec : Number.NaN),
    })),
  )
  printTable('Means over runs; ours / reference (time: lower is better)', ratios)
  writeResult('trace', { trace: traceName, prefix, timeoutMs, results, ratios })
}
