/** JSON answers of the REST API: a body, or `{ "error": "…" }` saying what went wrong. */
import type { ServerResponse } from 'node:http'
import { AccessDenied } from '../access/authorize.ts'
import { sendBody } from '../http/compression.ts'
import type { Logger } from '../logger.ts'

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendBody(
    response,
    status,
    { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers },
    JSON.stringify(body),
  )
}

/** A refusal the handler raises and the API turns into its status and message. */
export class ApiError extends Error {
  readonly status: number
  readonly headers: Record<string, string>
  constructor(status: number, message: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.headers = headers
  }
}

/**
 * Answers a failed API request: a refusal (AccessDenied, ApiError) with its status and words; any
 * other error is logged (the path only: a query may carry a token) and answered with a bare 500,
 * or the socket is cut when the answer had already begun.
 */
export function sendFailure(
  response: ServerResponse,
  error: unknown,
  logger: Logger,
  context: { path: string; what: string },
): void {
  if (error instanceof AccessDenied) {
    const headers: Record<string, string> =
      error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {}
    sendJson(response, error.status, { error: error.message }, headers)
  } else if (error instanceof ApiError) {
    sendJson(response, error.status, { error: error.message }, error.headers)
  } else {
    logger.error({ err: error, path: context.path }, `${context.what} failed`)
    if (!response.headersSent) sendJson(response, 500, { error: 'internal error' })
    else response.destroy()
  }
}
