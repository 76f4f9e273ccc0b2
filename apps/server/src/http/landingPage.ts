/** The page at `/`: where a newcomer starts. The apps create a new document when opened without an id. */
import { WEB_APPS } from './staticApps.ts'

const DESCRIPTIONS: Record<(typeof WEB_APPS)[number], string> = {
  grid: 'A spreadsheet many people edit at once.',
  code: 'Multi-file code projects from templates.',
  canvas: 'A shared drawing board.',
}

export function landingPage(options: { nodeId: string; builtApps: string[] }): string {
  const cards = WEB_APPS.map((app) => {
    const built = options.builtApps.includes(app)
    const action = built
      ? `<a class="open" href="/${app}/">Open a new ${app}</a>`
      : '<span class="missing">not built yet (run npm run build)</span>'
    return `<li><h2>${app[0]?.toUpperCase()}${app.slice(1)}</h2><p>${DESCRIPTIONS[app]}</p>${action}</li>`
  }).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Weft</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;color:#1d232a}
ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
li{border:1px solid #d6dbe1;border-radius:.5rem;padding:1rem}
h2{margin:.2rem 0}.open{font-weight:600}.missing{color:#8a6d00}footer{color:#66707a;font-size:.85rem;margin-top:2rem}
#online ul{display:block}#online li{border:0;padding:.2rem 0}#online .who{color:#4a535c}
</style></head><body>
<h1>Weft</h1>
<p>Real-time collaboration on Yjs. Open an app, then share its URL: everyone with the link edits the same document.</p>
<ul>${cards}</ul>
<section id="online" data-testid="online"><h2>Working right now</h2><p class="state">Loading…</p><ul></ul></section>
<script>${ONLINE_SCRIPT}</script>
<footer>Node <code>${escapeHtml(options.nodeId)}</code> · <a href="/readyz">readiness</a> · <a href="/metrics">metrics</a></footer>
</body></html>`
}

/**
 * Fills "Working right now" from the presence stream (docs/presence.md) on this origin. The token
 * is the apps' (`?token=`, remembered under the same localStorage key as @weft/client); none in
 * open dev mode. EventSource reconnects by itself after a network error; an HTTP error closes it,
 * so a probe tells a 401 (sign in) from an unavailable service (retried every 10 s).
 */
const ONLINE_SCRIPT = `(() => {
  const root = document.getElementById('online')
  const state = root.querySelector('.state')
  const list = root.querySelector('ul')
  const fromUrl = new URLSearchParams(location.search).get('token')
  let token = ''
  try {
    if (fromUrl) localStorage.setItem('weft.token', fromUrl)
    token = fromUrl || localStorage.getItem('weft.token') || ''
  } catch {}
  if (fromUrl) {
    // The token leaves the address bar (and history, bookmarks, screenshots) at once.
    const clean = new URL(location.href)
    clean.searchParams.delete('token')
    history.replaceState(history.state, '', clean)
  }
  const esc = (t) => String(t).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';')
  const APPS = ['grid', 'canvas', 'code']
  const link = (name) => {
    const at = name.indexOf(':')
    const app = name.slice(0, at)
    const id = name.slice(at + 1).split('/')[0]
    return at > 0 && id && APPS.includes(app) ? '/' + app + '/' + encodeURIComponent(id) : null
  }
  const show = (snapshot) => {
    const names = Object.keys(snapshot.documents).filter((n) => snapshot.documents[n].length)
    state.textContent = names.length ? '' : 'Nobody is online right now.'
    list.innerHTML = names.map((name) => {
      const users = snapshot.documents[name].map((u) => esc(u.name) + (u.connections > 1 ? ' ×' + u.connections : '')).join(', ')
      const href = link(name)
      const title = href ? '<a href="' + esc(href) + '">' + esc(name) + '</a>' : esc(name)
      return '<li data-document="' + esc(name) + '">' + title + ' <span class="who">' + users + '</span></li>'
    }).join('')
  }
  const connect = () => {
    const source = new EventSource('/api/presence/stream' + (token ? '?token=' + encodeURIComponent(token) : ''))
    source.addEventListener('presence', (event) => {
      try { show(JSON.parse(event.data)) } catch {}
    })
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return
      fetch('/api/presence', { headers: token ? { Authorization: 'Bearer ' + token } : {} })
        .then((r) => r.status, () => 0)
        .then((status) => {
          list.innerHTML = ''
          if (status === 401 || status === 403) {
            state.textContent = 'Sign in with an access token to see who is online.'
            root.dataset.state = 'unauthorized'
          } else {
            state.textContent = 'Presence is unavailable right now.'
            setTimeout(connect, 10000)
          }
        })
    }
  }
  if ('EventSource' in window) connect()
})()`

/** The page's inline scripts, allowed by hash in its Content-Security-Policy. */
export const LANDING_SCRIPTS = [ONLINE_SCRIPT]

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
