/** JSON answers of the REST API: a body, or `{ "error": "…" }` saying what went wrong. */
import type { ServerResponse } from 'node:http'
import { sendBody } from '../http/compression.ts'

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
