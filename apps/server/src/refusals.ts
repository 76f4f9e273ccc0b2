/**
 * Every close code a node sends and the error its hooks throw to refuse: one place to read what
 * a client can be told. The codes the apps put into words are @weft/protocol's CloseCodes; the
 * two below are the server's own answers to "not now", which the apps show as an ordinary
 * disconnect (they reconnect, and the edit stays in the client).
 */
import { CloseCodes as ProtocolCloseCodes } from '@weft/protocol'

export const CloseCodes = {
  ...ProtocolCloseCodes,
  /** RFC 6455 1011: the database is down, so the document cannot be loaded now. */
  dependencyDown: 1011,
  /** RFC 6455 1013: this node holds its limit of unsaved updates (UnsavedLimit). */
  tryAgainLater: 1013,
} as const

export const REFUSAL_REASONS = {
  dependencyDown: 'dependency down: the database is unavailable, so the document cannot be loaded',
  unsavedLimit:
    'edits refused: this node holds its limit of unsaved updates until the database is back',
  invalidUpdate: 'invalid Yjs update',
} as const

/** The `reason` label of weft_refused_connections_total for a close code. */
export function refusalMetricReason(code: number): string {
  return METRIC_REASONS[code] ?? String(code)
}

const METRIC_REASONS: Record<number, string> = {
  [CloseCodes.unauthorized]: 'unauthorized',
  [CloseCodes.forbidden]: 'forbidden',
  [CloseCodes.authenticationTimeout]: 'authentication-timeout',
  [CloseCodes.invalidContent]: 'invalid-content',
  [CloseCodes.sendingTooFast]: 'sending-too-fast',
  [CloseCodes.tooManyConnections]: 'too-many-connections',
  [CloseCodes.tooManyDocuments]: 'too-many-documents',
  [CloseCodes.authenticationThrottled]: 'authentication-throttled',
}

/**
 * Thrown from a hook to refuse; Hocuspocus sends `reason` to the client. Its `message` is empty
 * on purpose: Hocuspocus prints every hook error that has a message, which would be one log line
 * per refused attempt (the RefusalReporter logs them at a bounded rate instead).
 */
export class ConnectionRefused extends Error {
  readonly code: number
  readonly reason: string
  constructor(code: number, reason: string) {
    super('')
    this.name = 'ConnectionRefused'
    this.code = code
    this.reason = reason
  }
}
