/**
 * Every refused or limit-closed connection goes through here: counted in /metrics by reason,
 * logged at most once per source address a minute (with how many it stands for), and — only for
 * authenticated users (a forbidden document) — recorded in the session record at most once per
 * user a minute. Unauthenticated traffic therefore writes no database row, and its log volume
 * does not grow with it (platform.md, security contract).
 */
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import { refusalMetricReason } from '../refusals.ts'
import { OncePerWindow } from './OncePerWindow.ts'

export interface Refusal {
  code: number
  reason: string
  documentName: string
  /** Set only when the token was valid: the refusal concerns a known user. */
  userId: string | null
  source: string
}

export class RefusalReporter {
  private readonly logLines = new OncePerWindow()
  private readonly records = new OncePerWindow()
  private readonly options: {
    logger: Logger
    metrics: Metrics
    record?: (refusal: Omit<Refusal, 'source'>) => void
  }

  constructor(options: RefusalReporter['options']) {
    this.options = options
  }

  report(refusal: Refusal) {
    this.options.metrics.refusedConnections.inc({
      reason: refusalMetricReason(refusal.code),
    })
    const line = this.logLines.pass(refusal.source)
    if (line) {
      this.options.logger.warn(
        {
          source: refusal.source,
          documentName: refusal.documentName.slice(0, 200),
          code: refusal.code,
          reason: refusal.reason,
          ...(line.suppressed > 0 ? { alsoRefusedSinceLastLine: line.suppressed } : {}),
        },
        'connection refused',
      )
    }
    if (refusal.userId !== null && this.records.pass(refusal.userId)) {
      const { source: _source, ...record } = refusal
      this.options.record?.({ ...record, documentName: record.documentName.slice(0, 200) })
    }
  }
}
