import type { ServerResponse } from 'node:http'
import { sendBody } from './compression.ts'

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendBody(
    response,
    status,
    { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    JSON.stringify(body),
  )
}
