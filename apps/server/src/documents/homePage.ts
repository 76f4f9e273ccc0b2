/**
 * The home page at `/`: recent documents of every kind (title, kind, last edited, by whom, who
 * is in it now), create, search by title, rename, move to the trash and restore from it. A small
 * page over the REST API (/api/documents) and the presence stream; the server renders the frame
 * and the script fills it, so what the page shows is what the API answers.
 */
import { YOU_MENU_HTML, YOU_MENU_SCRIPT, YOU_MENU_STYLE } from '../identity/homeYouMenu.ts'

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d232a}
h1{margin:.2rem 0 1rem}form{display:flex;gap:.5rem;flex-wrap:wrap;align-items:end;margin:.5rem 0 1rem}
label{display:flex;flex-direction:column;font-size:.85rem;color:#4a535c}
input,select,button{font:inherit;padding:.3rem .5rem}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #d6dbe1;vertical-align:top}
th{font-size:.85rem;color:#4a535c}.kind{text-transform:capitalize}.who{color:#1f6f43}
.status{color:#66707a;min-height:1.5em}.error{color:#a4161a}footer{color:#66707a;font-size:.85rem;margin-top:2rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.tabs{display:flex;gap:.5rem}.tabs button[aria-pressed=true]{font-weight:600}
`

/**
 * The page's behaviour. The token is the apps' (`?token=`, remembered under the same
 * localStorage key as @weft/client), sent as a bearer token; none in open dev mode.
 */
const SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id)
  const fromUrl = new URLSearchParams(location.search).get('token')
  let token = ''
  try {
    if (fromUrl) localStorage.setItem('weft.token', fromUrl)
    token = fromUrl || localStorage.getItem('weft.token') || ''
  } catch {}
  if (fromUrl) {
    const clean = new URL(location.href)
    clean.searchParams.delete('token')
    history.replaceState(history.state, '', clean)
  }
  const headers = (extra) => Object.assign(token ? { Authorization: 'Bearer ' + token } : {}, extra || {})
  const esc = (t) => String(t ?? '').replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';')
  const status = $('status')
  const say = (text, isError) => { status.textContent = text; status.className = 'status' + (isError ? ' error' : '') }
  let trashed = false
  let present = {}
  let rows = []
  const api = async (path, init) => {
    const response = await fetch(path, Object.assign({}, init, { headers: headers(init && init.headers) }))
    const body = await response.json().catch(() => ({}))
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status))
    return body
  }
  const when = (iso) => { try { return new Date(iso).toLocaleString() } catch { return iso } }
  const render = () => {
    const list = $('documents')
    $('empty').hidden = rows.length > 0
    $('empty').textContent = trashed ? 'The trash is empty.' : 'No documents yet: create one above.'
    list.innerHTML = rows.map((d) => {
      const here = (present[d.name] || []).map((u) => esc(u.name)).join(', ')
      const title = esc(d.title || 'Untitled ' + d.kind)
      const open = d.url && !trashed ? '<a href="' + esc(d.url) + '">' + title + '</a>' : title
      const actions = trashed
        ? '<button type="button" data-act="restore">Restore</button>'
        : (d.access === 'write'
          ? '<button type="button" data-act="rename">Rename</button> <button type="button" data-act="trash">Move to trash</button>'
          : '')
      return '<tr data-name="' + esc(d.name) + '"><td>' + open + '</td><td class="kind">' + esc(d.kind) + '</td><td>'
        + esc(when(d.updatedAt)) + '</td><td>' + esc(d.updatedBy ? d.updatedBy.name || d.updatedBy.id : '') + '</td><td class="who">'
        + here + '</td><td>' + actions + '</td></tr>'
    }).join('')
  }
  const load = async () => {
    const q = $('search').value.trim()
    const params = new URLSearchParams({ limit: '100' })
    if (q) params.set('q', q)
    if (trashed) params.set('trashed', 'true')
    try {
      rows = (await api('/api/documents?' + params)).documents
      say('')
      render()
    } catch (error) {
      rows = []
      render()
      say('Cannot list documents: ' + error.message, true)
    }
  }
  $('create').addEventListener('submit', async (event) => {
    event.preventDefault()
    const kind = $('new-kind').value
    const title = $('new-title').value.trim()
    try {
      const created = await api('/api/documents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(title ? { kind, title } : { kind }),
      })
      location.assign(created.url)
    } catch (error) { say('Cannot create: ' + error.message, true) }
  })
  let searchTimer
  $('search').addEventListener('input', () => { clearTimeout(searchTimer); searchTimer = setTimeout(load, 200) })
  $('find').addEventListener('submit', (event) => { event.preventDefault(); load() })
  for (const button of document.querySelectorAll('.tabs button')) {
    button.addEventListener('click', () => {
      trashed = button.dataset.view === 'trash'
      for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-pressed', String(b === button))
      load()
    })
  }
  const dialog = $('rename')
  let renaming = null
  $('rename-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    if (event.submitter && event.submitter.value === 'cancel') { dialog.close(); return }
    try {
      await api('/api/documents/' + encodeURIComponent(renaming), {
        method: 'PATCH', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: $('rename-title').value }),
      })
      dialog.close()
      say('Renamed.')
      load()
    } catch (error) { say('Cannot rename: ' + error.message, true) }
  })
  $('documents').addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-act]')
    if (!button) return
    const name = button.closest('tr').dataset.name
    const row = rows.find((d) => d.name === name)
    const path = '/api/documents/' + encodeURIComponent(name)
    try {
      if (button.dataset.act === 'rename') {
        renaming = name
        $('rename-title').value = row && row.title ? row.title : ''
        dialog.showModal()
        return
      }
      if (button.dataset.act === 'trash') {
        await api(path, { method: 'DELETE' })
        say('Moved to the trash. Open the Trash tab to restore it.')
      } else {
        await api(path, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ trashed: false }) })
        say('Restored from the trash.')
      }
      load()
    } catch (error) { say(error.message, true) }
  })
  // "Working right now": every open document (including ones the list above does not show yet),
  // with links into the apps.
  const APPS = ['grid', 'canvas', 'code']
  const appLink = (name) => {
    const at = name.indexOf(':')
    const app = name.slice(0, at)
    const id = name.slice(at + 1).split('/')[0]
    return at > 0 && id && APPS.includes(app) ? '/' + app + '/' + encodeURIComponent(id) : null
  }
  const renderOnline = (snapshot) => {
    const names = Object.keys(snapshot.documents).filter((n) => snapshot.documents[n].length)
    $('online-state').textContent = names.length ? '' : 'Nobody is online right now.'
    $('online-list').innerHTML = names.map((name) => {
      const users = snapshot.documents[name].map((u) => esc(u.name) + (u.connections > 1 ? ' ×' + u.connections : '')).join(', ')
      const href = appLink(name)
      const title = href ? '<a href="' + esc(href) + '">' + esc(name) + '</a>' : esc(name)
      return '<li data-document="' + esc(name) + '">' + title + ' <span class="who">' + users + '</span></li>'
    }).join('')
  }
  const watchPresence = () => {
    if (!('EventSource' in window)) return
    const source = new EventSource('/api/presence/stream' + (token ? '?token=' + encodeURIComponent(token) : ''))
    source.addEventListener('presence', (event) => {
      try {
        const snapshot = JSON.parse(event.data)
        present = {}
        for (const [name, users] of Object.entries(snapshot.documents)) {
          const top = name.split('/')[0]
          present[top] = (present[top] || []).concat(users.filter((u) => !(present[top] || []).some((p) => p.id === u.id)))
        }
        render()
        renderOnline(snapshot)
      } catch {}
    })
    source.onerror = () => {
      if (source.readyState !== EventSource.CLOSED) return
      $('online-list').innerHTML = ''
      $('online-state').textContent = token ? 'Presence is unavailable right now.' : 'Sign in with an access token to see who is online.'
      setTimeout(watchPresence, 10000)
    }
  }
  load()
  watchPresence()
})()`

export const HOME_SCRIPTS = [SCRIPT, YOU_MENU_SCRIPT]

export function homePage(options: { nodeId: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><link rel="icon" href="/favicon.svg" type="image/svg+xml">
<title>Weft — documents</title><style>${STYLE}${YOU_MENU_STYLE}</style></head><body>
<main>
${YOU_MENU_HTML}
<h1>Weft</h1>
<section aria-labelledby="new-heading"><h2 id="new-heading">New document</h2>
<form id="create"><label for="new-kind">Kind<select id="new-kind" name="kind">
<option value="grid">Grid (spreadsheet)</option><option value="code">Code (project)</option><option value="canvas">Canvas (drawing)</option>
</select></label><label for="new-title">Title<input id="new-title" name="title" maxlength="200" placeholder="Untitled"></label>
<button type="submit">Create</button></form></section>
<section aria-labelledby="docs-heading"><h2 id="docs-heading">Documents</h2>
<div class="tabs" role="group" aria-label="Which documents"><button type="button" data-view="recent" aria-pressed="true">Recent</button><button type="button" data-view="trash" aria-pressed="false">Trash</button></div>
<form id="find" role="search"><label for="search">Search by title<input id="search" type="search" name="q" maxlength="200"></label></form>
<p id="status" class="status" role="status" aria-live="polite"></p>
<table><thead><tr><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Last edited</th><th scope="col">By</th><th scope="col">In it now</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
<tbody id="documents"></tbody></table>
<p id="empty" hidden></p>
</section>
<section id="online" data-testid="online" aria-labelledby="online-heading"><h2 id="online-heading">Working right now</h2>
<p id="online-state" class="state">Loading…</p><ul id="online-list"></ul></section>
<dialog id="rename" aria-labelledby="rename-heading"><form id="rename-form" method="dialog">
<h2 id="rename-heading">Rename</h2><label for="rename-title">Title<input id="rename-title" maxlength="200" required></label>
<button type="submit" value="save">Save</button> <button type="submit" value="cancel" formnovalidate>Cancel</button></form></dialog>
</main>
<script>${SCRIPT}</script>
<script>${YOU_MENU_SCRIPT}</script>
<footer>Node <code>${escapeHtml(options.nodeId)}</code> · <a href="/api/openapi.json">API</a> · <a href="/readyz">readiness</a> · <a href="/metrics">metrics</a></footer>
</body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
