/**
 * Empties the trash: documents trashed longer ago than TRASH_RETENTION_HOURS are deleted with
 * their log and snapshots (and a code project's file documents). Every node runs it; the delete
 * is idempotent, so two nodes purging at once only repeat each other's no-op.
 */
import { type PrismaClient, purgeTrash } from '@weft/db'
import type { Logger } from '../logger.ts'

const SWEEP_MS = 10 * 60_000

export class TrashPurger {
  private readonly options: { prisma: PrismaClient; retentionHours: number; logger: Logger }
  private timer: NodeJS.Timeout | undefined

  constructor(options: { prisma: PrismaClient; retentionHours: number; logger: Logger }) {
    this.options = options
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** One pass; returns the names purged. Failures are logged and retried by the next pass. */
  async sweep(now = Date.now()): Promise<string[]> {
    try {
      const cutoff = new Date(now - this.options.retentionHours * 3_600_000)
      const purged = await purgeTrash(this.options.prisma, cutoff)
      if (purged.length > 0) this.options.logger.info({ purged }, 'purged documents from the trash')
      return purged
    } catch (error) {
      this.options.logger.warn({ err: error }, 'cannot purge the trash now; retrying later')
      return []
    }
  }
}
