/**
 * The home page's "you" menu (the apps have theirs in @weft/react YouMenu): your name at the top,
 * a button opening a dialog to set your display name and colour through `PUT /api/me`, and sign
 * in / sign out links when the node offers OpenID Connect sign-in. It uses the apps' token (or,
 * without one, the apps' open-dev-mode identity, so the name set here is the one they show).
 */
import { MAX_DISPLAY_NAME_LENGTH } from './profileInput.ts'

/** The palette of @weft/client USER_COLORS, with names for screen readers. */
const COLORS: [string, string][] = [
  ['#d9480f', 'Orange'],
  ['#2b8a3e', 'Green'],
  ['#1971c2', 'Blue'],
  ['#9c36b5', 'Purple'],
  ['#c2255c', 'Raspberry'],
  ['#0c8599', 'Teal'],
  ['#5f3dc4', 'Violet'],
  ['#e67700', 'Amber'],
]

export const YOU_MENU_STYLE = `
.you{position:absolute;top:1rem;right:1rem}.you-colors{display:flex;gap:.4rem;flex-wrap:wrap;border:0;padding:0}
.you-colors label{width:1.6rem;height:1.6rem;border-radius:50%;display:inline-flex;align-items:center;justify-content:center}
.you-colors input{margin:0}#you-error{color:#a4161a;min-height:1.2em}body{position:relative}
`

export const YOU_MENU_HTML = `<div class="you" id="you"><button type="button" id="you-button" aria-haspopup="dialog" hidden></button><a id="you-sign-in" href="/auth/login" hidden>Sign in</a></div>
<dialog id="you-dialog" aria-labelledby="you-heading"><form id="you-form">
<h2 id="you-heading">You</h2><label for="you-name">Display name<input id="you-name" maxlength="${MAX_DISPLAY_NAME_LENGTH}" required autocomplete="nickname"></label>
<fieldset class="you-colors"><legend>Colour</legend>${COLORS.map(
  ([value, name]) =>
    `<label style="background:${value}" title="${name}"><input type="radio" name="you-color" value="${value}" aria-label="${name}"></label>`,
).join('')}</fieldset>
<p>Everyone in a document sees this name and colour.</p><p id="you-error" role="alert"></p>
<button type="submit">Save</button> <button type="button" id="you-cancel">Cancel</button> <a id="you-sign-out" href="/auth/logout" hidden>Sign out</a></form></dialog>`

export const YOU_MENU_SCRIPT = `(() => {
  const $ = (id) => document.getElementById(id)
  const b64 = (text) => btoa(String.fromCharCode(...new TextEncoder().encode(text))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '')
  let token = ''
  try {
    token = new URLSearchParams(location.search).get('token') || localStorage.getItem('weft.token') || ''
    const identity = JSON.parse(localStorage.getItem('weft.identity') || 'null')
    if (!token && identity && identity.id) token = b64(JSON.stringify({ alg: 'none', typ: 'JWT' })) + '.' + b64(JSON.stringify({ sub: identity.id, name: identity.name })) + '.'
  } catch {}
  const button = $('you-button')
  const dialog = $('you-dialog')
  let me = null
  const show = () => { button.textContent = me.name + ' (you)'; button.hidden = false; if (me.color) button.style.borderBottom = '3px solid ' + me.color; $('you-sign-out').hidden = !me.signOut }
  const call = async (init) => {
    const response = await fetch('/api/me', Object.assign({}, init, { headers: Object.assign({ Authorization: 'Bearer ' + token }, (init && init.headers) || {}) }))
    const body = await response.json().catch(() => ({}))
    if (!response.ok) { const error = new Error(body.error || ('HTTP ' + response.status)); error.signIn = body.signIn; throw error }
    return body
  }
  call().then((answer) => { me = answer; show() }, (error) => {
    if (error.signIn) { const link = $('you-sign-in'); link.href = error.signIn + '?return=/'; link.hidden = false }
  })
  button.addEventListener('click', () => {
    $('you-name').value = me.name
    const current = document.querySelector('input[name="you-color"][value="' + (me.color || '') + '"]') || document.querySelector('input[name="you-color"]')
    current.checked = true
    $('you-error').textContent = ''
    dialog.showModal()
  })
  $('you-cancel').addEventListener('click', () => dialog.close())
  $('you-form').addEventListener('submit', async (event) => {
    event.preventDefault()
    const color = document.querySelector('input[name="you-color"]:checked').value
    try {
      me = await call({ method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: $('you-name').value.trim(), color }) })
      try {
        const identity = JSON.parse(localStorage.getItem('weft.identity') || 'null')
        if (identity && identity.id === me.id) localStorage.setItem('weft.identity', JSON.stringify(Object.assign(identity, { name: me.name, color: me.color })))
      } catch {}
      show()
      dialog.close()
    } catch (error) {
      $('you-error').textContent = 'Not saved: ' + error.message + '.'
    }
  })
})()`
