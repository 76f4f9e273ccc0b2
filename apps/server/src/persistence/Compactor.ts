/**
 * Decides when a document's log is folded into a snapshot (every N rows this node wrote, and
 * when a document unloads) and runs compactions one at a time, so they never compete with the
 * update log for the database. Also prunes history past the retention window, hourly.
 */
import { compactFully, type PrismaClient, pruneHistory } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../Metrics.ts'

export interface CompactorOptions {
  prisma: PrismaClient
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
  private stopped = false

  constructor(options: CompactorOptions) {
    this.options = options
    this.pruneTimer = setInterval(() => void this.prune(), 60 * 60 * 1000)
    this.pruneTimer.unref()
  }

  /** Called with the rows each batch wrote. */
  recordPersisted(counts: Map<string, number>): void {
    for (const [documentName, count] of counts) {
      const total = (this.rowsSinceSnapshot.get(documentName) ?? 0) + count
      this.rowsSinceSnapshot.set(documentName, total)
      if (total >= this.options.everyUpdates) this.request(documentName)
    }
  }

  /** Compacts a document soon if this node wrote rows for it since its last snapshot. */
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
  }

  private request(documentName: string) {
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
      try {
        const rows = await compactFully(this.options.prisma, documentName, this.options.nodeId)
        if (rows > 0) this.options.metrics.snapshotsWritten.inc()
      } catch (error) {
        // The rows stay uncompacted and are replayed on load; the next trigger retries.
        this.options.logger.warn({ err: error, documentName }, 'compaction failed')
      }
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
