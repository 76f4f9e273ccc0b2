/**
 * Forwards a request (including an SSE stream) to one configured service, streaming the answer
 * back. Only the path and query travel: the destination's scheme, host and port are always the
 * configured ones, whatever the client sent (platform.md, security contract).
 */
import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http'
import { sendJson } from './sendJson.ts'

/** RFC 9110 §7.6.1: these describe one hop and must not be passed on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
])

/** The headers without hop-by-hop ones, including those the Connection header names. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
  const kept: OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.includes(name)) continue
    kept[name] = value
  }
  return kept
}

/** `url` is the request's already validated origin-form target (parseRequestTarget). */
export function forward(
  incoming: IncomingMessage,
  response: ServerResponse,
  url: URL,
  base: string,
): void {
  const target = new URL(base)
  target.pathname = url.pathname
  target.search = url.search
  const outgoing = httpRequest(
    target,
    {
      method: incoming.method,
      headers: { ...endToEndHeaders(incoming.headers), host: target.host },
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers))
      answer.pipe(response)
    },
  )
  outgoing.on('error', () => {
    if (!response.headersSent) sendJson(response, 502, { error: 'presence service unreachable' })
    else response.destroy()
  })
  response.on('close', () => outgoing.destroy())
  incoming.pipe(outgoing)
}
