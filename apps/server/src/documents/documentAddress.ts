/**
 * App addresses that cannot name a document (`/grid/a%2Fb`, a 300-character id): the apps would
 * silently start a new empty document there, so the node answers with a page that says why and
 * offers a new one instead. Paths with a dot are left to the app server (files such as
 * `/grid/favicon.svg`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { htmlHeaders } from '../http/securityHeaders.ts'
import { wantsHtml } from '../http/sendError.ts'
import { sendJson } from './apiResponse.ts'

const APPS = ['grid', 'code', 'canvas']
/** The id rule of document names (`documentNames.ts` in @weft/protocol). */
const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The app and the bad id when `pathname` is an app address with an id no document can have. */
export function invalidDocumentAddress(pathname: string): { app: string; id: string } | null {
  const [, app, raw] = pathname.split('/')
  if (!app || !APPS.includes(app) || !raw || raw.includes('.')) return null
  const id = decodeURIComponent(raw)
  return ID.test(id) ? null : { app, id }
}

export function answerInvalidAddress(
  request: IncomingMessage,
  response: ServerResponse,
  address: { app: string; id: string },
  frameAncestors: string,
): void {
  const problem =
    address.id.length > 64
      ? `an id is at most 64 characters (this one has ${address.id.length})`
      : 'an id is made of letters, digits, "_" and "-"'
  if (!wantsHtml(request)) {
    sendJson(response, 404, { error: `not a document address: ${problem}` })
    return
  }
  const shown = address.id.length > 80 ? `${address.id.slice(0, 80)}…` : address.id
  response.writeHead(404, { ...htmlHeaders({ frameAncestors }), 'Cache-Control': 'no-store' })
  response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>Not a document address — Weft</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d232a}code{word-break:break-all}</style>
</head><body><main>
<h1>Not a document address</h1>
<p>No ${address.app} can be called <code>${escapeHtml(shown)}</code>: ${escapeHtml(problem)}.
Check the link you followed, or start something new.</p>
<p><a href="/${address.app}/">Start a new ${address.app}</a> · <a href="/">Go to your documents</a></p>
</main></body></html>`)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
