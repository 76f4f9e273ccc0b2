/**
 * An error answer in the form the client reads: a short HTML page for a browser navigating here
 * (its Accept names text/html), the usual `{ "error": "…" }` for everything else (fetch, curl,
 * API clients). The page says what happened and where to go, never a raw JSON body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { htmlHeaders } from './securityHeaders.ts'
import { sendJson } from './sendJson.ts'

const TITLES: Record<number, string> = {
  400: 'That address is not valid',
  403: 'Not allowed',
  404: 'Nothing here',
  405: 'Not possible here',
  500: 'Something went wrong on our side',
}

export function wantsHtml(request: IncomingMessage): boolean {
  return /\btext\/html\b/.test(request.headers.accept ?? '')
}

export function sendError(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  message: string,
): void {
  if (!wantsHtml(request)) {
    sendJson(response, status, { error: message })
    return
  }
  const title = TITLES[status] ?? 'Error'
  response.writeHead(status, {
    ...htmlHeaders({ frameAncestors: "'none'" }),
    'Cache-Control': 'no-store',
  })
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>${title} — Weft</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d232a}.code{color:#66707a}</style>
</head><body><main>
<h1>${title}</h1>
<p>${escapeHtml(message[0]?.toUpperCase() ?? '')}${escapeHtml(message.slice(1))}.</p>
<p class="code">HTTP ${status}</p>
<p><a href="/">Go to your documents</a>, where you can open or create one.</p>
</main></body></html>`)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
