/**
 * The HTML a browser sees around OpenID Connect sign-in: the page that hands the minted token to
 * the apps (stored where they read it, then on to where the user was going; the token never
 * appears in an address), the sign-out page, and a refusal that says what went wrong and offers
 * to start again. Scripts run by a per-response nonce (CSP), pages are never cached.
 */
import type { ServerResponse } from 'node:http'
import { htmlHeaders, newNonce } from '../../http/securityHeaders.ts'

/** Where the apps keep their token (`@weft/client` token.ts). */
const TOKEN_KEY = 'weft.token'

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d232a}'

function page(title: string, body: string, script?: string): { html: string; nonce?: string } {
  const nonce = script ? newNonce() : undefined
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} — Weft</title><style>${STYLE}</style>
</head><body><main>${body}</main>${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`
  return nonce ? { html, nonce } : { html }
}

function send(
  response: ServerResponse,
  status: number,
  content: { html: string; nonce?: string },
  headers: Record<string, string> = {},
) {
  response.writeHead(status, {
    ...htmlHeaders({
      frameAncestors: "'none'",
      ...(content.nonce ? { nonce: content.nonce } : {}),
    }),
    'Cache-Control': 'no-store',
    ...headers,
  })
  response.end(content.html)
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

export function sendSignedIn(
  response: ServerResponse,
  token: string,
  name: string,
  returnTo: string,
  headers: Record<string, string>,
) {
  const script = `localStorage.setItem(${scriptJson(TOKEN_KEY)},${scriptJson(token)});location.replace(${scriptJson(returnTo)})`
  send(
    response,
    200,
    page(
      'Signed in',
      `<h1>Signed in as ${escapeHtml(name)}</h1><p><a href="${escapeHtml(returnTo)}">Continue</a></p>`,
      script,
    ),
    headers,
  )
}

export function sendSignedOut(response: ServerResponse) {
  send(
    response,
    200,
    page(
      'Signed out',
      '<h1>Signed out</h1><p>This browser no longer holds your access token.</p><p><a href="/auth/login">Sign in again</a> · <a href="/">Documents</a></p>',
      `localStorage.removeItem(${scriptJson(TOKEN_KEY)})`,
    ),
  )
}

/** A refused or failed sign-in, in words, with the way forward. */
export function sendSignInError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  send(
    response,
    status,
    page(
      'Sign-in failed',
      `<h1>Sign-in failed</h1><p data-testid="sign-in-error">${escapeHtml(message)}.</p><p><a href="/auth/login">Start the sign-in again</a> · <a href="/">Documents</a></p>`,
    ),
    headers,
  )
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
