/**
 * Thrown from onAuthenticate; Hocuspocus sends `reason` to the client. Its `message` is empty on
 * purpose: Hocuspocus prints every hook error that has a message, which would be one log line per
 * refused attempt (the RefusalReporter logs them at a bounded rate instead).
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
