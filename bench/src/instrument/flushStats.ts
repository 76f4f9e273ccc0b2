/**
 * Preloaded into a node process (`--import`) by the bench when BENCH_FLUSH_STATS_DIR is set:
 * wraps Hocuspocus's Document.flush (the per-turn broadcast that merges every update received
 * in one event-loop turn with Y.mergeUpdates) and records, per batch-size bucket, how many
 * flushes ran and how long they took. Rewrites `<dir>/<pid>.json` twice a second with the
 * cumulative counts, so the bench can diff them around each part of a scenario.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Document } from '@hocuspocus/server'

// Our node replaces how a document's batch is broadcast (apps/server/src/libraryInternals/
// hocuspocusServer.ts, decision 0160) by wrapping Document.flush when that module is imported.
// It is imported here first, so that the wrapper below is the outer one and still sees the
// batch; the node's own import of the same file then finds it done.
const patchFirst = process.env.BENCH_FLUSH_PATCH_FIRST
if (patchFirst && existsSync(patchFirst)) await import(pathToFileURL(patchFirst).href)

const dir = process.env.BENCH_FLUSH_STATS_DIR as string
// The last bucket is "more than 10,000" (a finite bound so that it survives JSON).
const BUCKETS = [1, 10, 100, 1_000, 10_000, Number.MAX_SAFE_INTEGER]
const stats = BUCKETS.map((upTo) => ({ upTo, flushes: 0, updates: 0, ms: 0 }))
let maxBatch = 0

type Flushable = { flush(): unknown; pendingUpdates: Uint8Array[] }
const proto = Document.prototype as unknown as Flushable
const original = proto.flush
proto.flush = function flush(this: Flushable) {
  const count = this.pendingUpdates.length
  if (count === 0) return original.call(this)
  const started = performance.now()
  const result = original.call(this)
  const bucket = stats.find((entry) => count <= entry.upTo) as (typeof stats)[number]
  bucket.flushes++
  bucket.updates += count
  bucket.ms += performance.now() - started
  if (count > maxBatch) maxBatch = count
  return result
}

const write = () =>
  writeFileSync(join(dir, `${process.pid}.json`), JSON.stringify({ stats, maxBatch }))
setInterval(write, 500).unref()
process.on('exit', write)
