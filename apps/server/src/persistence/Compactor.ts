/**
 * Decides when a document's log is folded into a snapshot (every N rows this node wrote, and
 * when a document unloads) and runs compactions one at a time, so they never compete with the
 * update log for the database. Also prunes history past the retention window, hourly.
 *
 * While rows keep pouring in (a paste, a replayed trace: thousands of rows a second), a document
 * compacts at most once per `minIntervalMs`: each compaction re-reads and re-encodes the whole
 * snapshot, so compacting every N rows of a burst would cost O(document) per N rows on the
 * node's event loop. Loads stay bounded: at most one interval's rows are replayed on top of the
 * snapshot. An unloading document compacts at once.
 */
import { compactFully, type PrismaClient, pruneHistory } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../Metrics.ts'

export interface CompactorOptions {
  prisma: PrismaClient
  /** Least time between two count-triggered compactions of one document (default 2 s). */
  minIntervalMs?: number
  /** The compaction itself (default: compactFully on `prisma`); returns the rows compacted. */
  compact?: (documentName: string) => Promise<number>
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
  private readonly lastRun = new Map<string, number>()
  private readonly deferred = new Map<string, NodeJS.Timeout>()
  /** Unloading documents, forgotten once compacted (bounds the maps above). */
  private readonly leaving = new Set<string>()
  private readonly minIntervalMs: number
  private readonly compact: (documentName: string) => Promise<number>
  private stopped = false

  constructor(options: CompactorOptions) {
    this.options = options
    this.minIntervalMs = options.minIntervalMs ?? 2_000
    this.compact =
      options.compact ??
      ((documentName) => compactFully(options.prisma, documentName, options.nodeId))
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
   * A document is unloading: compacts it soon if this node wrote rows for it since its last
   * snapshot, then forgets it (unless it got busy again meanwhile).
   */
  requestIfDirty(documentName: string): void {
    if ((this.rowsSinceSnapshot.get(documentName) ?? 0) === 0) {
      this.forget(documentName)
      return
    }
    this.leaving.add(documentName)
    this.request(documentName)
  }

  private forget(documentName: string) {
    if (this.deferred.has(documentName) || this.due.has(documentName)) return
    this.leaving.delete(documentName)
    this.rowsSinceSnapshot.delete(documentName)
    this.lastRun.delete(documentName)
  }

  /** Resolves when every requested compaction has run. */
  async idle(): Promise<void> {
    while (this.running) await this.running
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.pruneTimer)
    for (const timer of this.deferred.values()) clearTimeout(timer)
    this.deferred.clear()
  }

  /** A count-triggered request: now, or when the document's interval since its last run is over. */
  private requestPaced(documentName: string) {
    if (this.deferred.has(documentName) || this.due.has(documentName)) return
    const wait = (this.lastRun.get(documentName) ?? -Infinity) + this.minIntervalMs - Date.now()
    if (wait <= 0) {
      this.request(documentName)
      return
    }
    const timer = setTimeout(() => {
      this.deferred.delete(documentName)
      if (!this.stopped) this.request(documentName)
    }, wait)
    timer.unref()
    this.deferred.set(documentName, timer)
  }

  private request(documentName: string) {
    const timer = this.deferred.get(documentName)
    if (timer) clearTimeout(timer)
    this.deferred.delete(documentName)
    this.due.add(documentName)
    this.running ??= this.drain().finally(() => {
      this.running = null
    })
  }

  private async drain() {
    while (this.due.size > 0 && !this.stopped) {
      const documentName = this.due.values().next().value as string
      this.due.delete(documentName)
      this.rowsSinceSnapshot.set(documentName, 0)
      this.lastRun.set(documentName, Date.now())
      try {
        const rows = await this.compact(documentName)
        if (rows > 0) this.options.metrics.snapshotsWritten.inc()
      } catch (error) {
        // The rows stay uncompacted and are replayed on load; the next trigger retries.
        this.options.logger.warn({ err: error, documentName }, 'compaction failed')
      }
      if (this.leaving.has(documentName) && (this.rowsSinceSnapshot.get(documentName) ?? 0) === 0)
        this.forget(documentName)
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
