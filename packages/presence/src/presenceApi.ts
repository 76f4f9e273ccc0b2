/**
 * The presence HTTP API, shared by the presence service and an embedded node:
 *   GET /api/presence               everyone online the token may see, grouped by document
 *   GET /api/presence/<document>    one document
 *   GET /api/presence/stream[?document=…]  Server-Sent Events: a `presence` event with the
 *                                   snapshot on connect and after every change
 * The token (Authorization: Bearer, or ?token= for EventSource, which cannot set headers) is the
 * same access token as the WebSocket's; only documents it may read are shown.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  type AccessClaims,
  devModeClaims,
  TokenError,
  type TokenPolicy,
  verifyAccessToken,
} from '@weft/protocol'
import type { PresenceSource } from './PresenceSource.ts'
import { summarize } from './summarize.ts'

export interface PresenceApiOptions {
  source: PresenceSource
  /** Absent: open dev mode, everything visible. */
  tokens?: TokenPolicy
}

function send(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' })
  response.end(JSON.stringify(body))
}

async function claimsOf(
  request: IncomingMessage,
  url: URL,
  tokens?: TokenPolicy,
): Promise<AccessClaims> {
  const header = request.headers.authorization ?? ''
  const token = header.startsWith('Bearer ')
    ? header.slice(7).trim()
    : (url.searchParams.get('token') ?? '')
  return tokens ? verifyAccessToken(token, tokens) : devModeClaims(token)
}

/** Handles the request and returns true when it is a presence API path. */
export function createPresenceApi(options: PresenceApiOptions) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== '/api/presence' && !url.pathname.startsWith('/api/presence/')) return false
    let claims: AccessClaims
    try {
      claims = await claimsOf(request, url, options.tokens)
    } catch (error) {
      send(response, 401, { error: error instanceof TokenError ? error.message : 'invalid token' })
      return true
    }
    if (url.pathname === '/api/presence/stream') {
      stream(response, options.source, claims, url.searchParams.get('document') ?? undefined)
      return true
    }
    const document = url.pathname.startsWith('/api/presence/')
      ? decodeURIComponent(url.pathname.slice('/api/presence/'.length))
      : undefined
    send(response, 200, summarize(options.source.sessions(), claims, document))
    return true
  }
}

function stream(
  response: ServerResponse,
  source: PresenceSource,
  claims: AccessClaims,
  document?: string,
) {
  response.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    // Proxies (nginx) must not buffer the stream.
    'X-Accel-Buffering': 'no',
  })
  let last = ''
  const push = () => {
    const snapshot = summarize(source.sessions(), claims, document)
    const body = JSON.stringify(snapshot.documents)
    if (body === last) return
    last = body
    response.write(`event: presence\ndata: ${JSON.stringify(snapshot)}\n\n`)
  }
  push()
  const unsubscribe = source.subscribe(push)
  // A comment every 20 s keeps idle proxies from closing the stream.
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), 20_000)
  response.on('close', () => {
    unsubscribe()
    clearInterval(keepAlive)
  })
}
