/**
 * `GET /share/<key>`: where a share link leads. A link that no longer works (revoked, expired,
 * made up) gets a page saying so and what to do, never the document. A live one gets a short
 * page whose script exchanges the link for a token limited to the document (POST
 * /api/shares/open, sending the browser's own token if it has one, so the opener keeps their
 * name), keeps it for that document only (`weft.share-token.<name>` in localStorage: the
 * browser's own token still serves its other documents) and opens the app.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PrismaClient } from '@weft/db'
import type { ShareLinks } from '../access/ShareLinks.ts'
import { htmlHeaders } from '../http/securityHeaders.ts'
import { ApiError } from './apiResponse.ts'
import { liveShare } from './ShareApi.ts'

export const SHARE_SCRIPT = `(() => {
  const status = document.getElementById('share-status');
  const own = localStorage.getItem('weft.token');
  let identity = {};
  try { identity = JSON.parse(localStorage.getItem('weft.identity') || '{}') || {}; } catch {}
  const headers = { 'Content-Type': 'application/json' };
  if (own) headers.Authorization = 'Bearer ' + own;
  fetch('/api/shares/open', {
    method: 'POST',
    headers,
    body: JSON.stringify({ link: location.pathname, name: identity.name, guestId: identity.id }),
  })
    .then(async (response) => {
      const body = await response.json().catch(() => ({}));
      if (!response.ok || !body.token || !body.url) throw new Error(body.error || 'the server could not open this link (HTTP ' + response.status + ')');
      localStorage.setItem('weft.share-token.' + body.name, body.token);
      location.replace(body.url);
    })
    .catch((error) => {
      document.getElementById('share-heading').textContent = 'This link cannot be opened';
      status.textContent = error.message + '.';
    });
})();`

export async function answerSharePage(
  request: IncomingMessage,
  response: ServerResponse,
  options: { prisma: PrismaClient; links?: ShareLinks; frameAncestors: string },
): Promise<void> {
  const key = (request.url ?? '').split('?')[0]?.slice('/share/'.length) ?? ''
  let problem: { status: number; message: string } | null = null
  if (!options.links) {
    problem = {
      status: 404,
      message:
        'this server runs in open dev mode (no AUTH_SECRET): there are no share links, and everyone with a document’s address can already edit it',
    }
  } else {
    try {
      await liveShare(options.prisma, options.links, key)
    } catch (error) {
      if (!(error instanceof ApiError)) throw error
      problem = { status: error.status, message: error.message }
    }
  }
  const head = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${problem ? 'Share link not available' : 'Opening shared document'} — Weft</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d232a}</style>
</head><body><main>`
  if (problem) {
    response.writeHead(problem.status, {
      ...htmlHeaders({ frameAncestors: options.frameAncestors }),
      'Cache-Control': 'no-store',
    })
    response.end(`${head}
<h1>This share link does not work</h1>
<p data-testid="share-problem">${escapeHtml(capitalize(problem.message))}.</p>
<p><a href="/">Go to your documents</a></p>
</main></body></html>`)
    return
  }
  response.writeHead(200, {
    ...htmlHeaders({ frameAncestors: options.frameAncestors, inlineScripts: [SHARE_SCRIPT] }),
    'Cache-Control': 'no-store',
  })
  response.end(`${head}
<h1 id="share-heading">Opening the shared document…</h1>
<p id="share-status" role="status" data-testid="share-problem"></p>
<p><a href="/">Go to your documents</a></p>
<script>${SHARE_SCRIPT}</script>
</main></body></html>`)
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
