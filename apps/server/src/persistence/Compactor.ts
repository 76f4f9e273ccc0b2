/**
 * Decides when a document's log is folded into a snapshot (every N rows this node wrote, and
 * when a document unloads) and runs compactions one at a time, so they never compete with the
 * update log for the database. Also prunes history past the retention window, hourly.
 *
 * A count-triggered compaction waits until the document's rows pause for `quietMs`, and at most
 * `maxWaitMs`: a compaction replays every row again and re-encodes the whole snapshot on the
 * node's event loop, so compacting during a burst (a paste, a replayed trace: thousands of rows
 * a second) doubled the writer's node's Yjs work exactly when it was busiest. Loads stay bounded:
 * at most `maxWaitMs` of rows are replayed on top of the snapshot. An unloading document
 * compacts at once.
 */
import { compactFully, type PrismaClient, pruneHistory, type SnapshotFold } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'

export interface CompactorOptions {
  prisma: PrismaClient
  /** How long a due document's rows must pause before it compacts (default 1 s). */
  quietMs?: number
  /** The longest a due document waits for that pause (default 10 s). */
  maxWaitMs?: number
  /** The compaction itself (default: compactFully on `prisma`); returns the rows compacted. */
  compact?: (documentName: string) => Promise<number>
  /** Where the default compaction folds rows into the snapshot (default: inline). */
  fold?: SnapshotFold
  nodeId: string
  everyUpdates: number
  retentionHours: number
  logger: Logger
  metrics: Metrics
}

export class Compactor {
  private readonly options: CompactorOptions
  private readonly rowsSinceSnapshot = new Map<string, number>()
  private readonly due = new Set<string>()
  private running: Promise<void> | null = null
  private readonly pruneTimer: NodeJS.Timeout
  /** Due documents waiting for their rows to pause: since when they are due, and the timer. */
  private readonly waiting = new Map<string, { since: number; timer: NodeJS.Timeout }>()
  private readonly quietMs: number
  private readonly maxWaitMs: number
  private readonly compact: (documentName: string) => Promise<number>
  private stopped = false

  constructor(options: CompactorOptions) {
    this.options = options
    this.quietMs = options.quietMs ?? 1_000
    this.maxWaitMs = options.maxWaitMs ?? 10_000
    this.compact =
      options.compact ??
      ((documentName) => compactFully(options.prisma, documentName, options.nodeId, options.fold))
    this.pruneTimer = setInterval(() => void this.prune(), 60 * 60 * 1000)
    this.pruneTimer.unref()
  }

  /** Called with the rows each batch wrote. */
  recordPersisted(counts: Map<string, number>): void {
    for (const [documentName, count] of counts) {
      const total = (this.rowsSinceSnapshot.get(documentName) ?? 0) + count
      this.rowsSinceSnapshot.set(documentName, total)
      if (total >= this.options.everyUpdates) this.requestPaced(documentName)
    }
  }

  /**
   * Rows written at an unload only to hold what peers did not journal (decision 0202): they do
   * not make this node compact the document. Such a row usually repeats what the store has, and
   * compacting for it alone would parse and re-encode the whole snapshot; the next compaction,
   * wherever it runs, folds it.
   */
  uncount(documentName: string, rows: number): void {
    const left = (this.rowsSinceSnapshot.get(documentName) ?? 0) - rows
    if (left > 0) this.rowsSinceSnapshot.set(documentName, left)
    else this.rowsSinceSnapshot.delete(documentName)
  }

  /** A document is unloading: compacts it soon if this node wrote rows for it since its last snapshot. */
  requestIfDirty(documentName: string): void {
    if ((this.rowsSinceSnapshot.get(documentName) ?? 0) > 0) this.request(documentName)
  }

  /** Resolves when every requested compaction has run. */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.pruneTimer)
    for (const { timer } of this.waiting.values()) clearTimeout(timer)
    this.waiting.clear()
  }

  /** A count-triggered request: once the rows pause for quietMs, or maxWaitMs after it was due. */
  private requestPaced(documentName: string) {
    if (this.due.has(documentName)) return
    const now = Date.now()
    const previous = this.waiting.get(documentName)
    if (previous) clearTimeout(previous.timer)
    const since = previous?.since ?? now
    const wait = Math.max(0, Math.min(now + this.quietMs, since + this.maxWaitMs) - now)
    const timer = setTimeout(() => {
      if (!this.stopped) this.request(documentName)
    }, wait)
    timer.unref()
    this.waiting.set(documentName, { since, timer })
  }

  private request(documentName: string) {
    const waiting = this.waiting.get(documentName)
    if (waiting) clearTimeout(waiting.timer)
    this.waiting.delete(documentName)
    this.due.add(documentName)
    this.running ??= this.drain().finally(() => {
      this.running = null
    })
  }

  private async drain() {
    while (this.due.size > 0 && !this.stopped) {
      const documentName = this.due.values().next().value as string
      this.due.delete(documentName)
      const counted = this.rowsSinceSnapshot.get(documentName) ?? 0
      this.rowsSinceSnapshot.set(documentName, 0)
      try {
        const rows = await this.compact(documentName)
        if (rows > 0) this.options.metrics.snapshotsWritten.inc()
      } catch (error) {
        // The rows stay uncompacted and are replayed on load; they are counted again, so the
        // next trigger (a later batch, or an unload) retries.
        this.options.logger.warn({ err: error, documentName }, 'compaction failed')
        this.rowsSinceSnapshot.set(
          documentName,
          (this.rowsSinceSnapshot.get(documentName) ?? 0) + Math.max(counted, 1),
        )
      }
      // Nothing logged since it started: forget the document (the map stays as small as the
      // documents with rows to compact; a later row starts a new count).
      if (this.rowsSinceSnapshot.get(documentName) === 0)
        this.rowsSinceSnapshot.delete(documentName)
    }
  }

  private async prune() {
    try {
      const cutoff = new Date(Date.now() - this.options.retentionHours * 3_600_000)
      const removed = await pruneHistory(this.options.prisma, cutoff)
      if (removed.rows + removed.snapshots > 0)
        this.options.logger.info(removed, 'pruned history past retention')
    } catch (error) {
      this.options.logger.warn({ err: error }, 'history pruning failed')
    }
  }
}
