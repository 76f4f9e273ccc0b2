// Issue 15, item 2: optional OpenID Connect sign-in against a real provider. Dex (built from the
// Go module proxy, scripts/oidc/build-dex.sh) runs on a free loopback port with a static client
// and a static password user; a node with OIDC_* settings sends a browser there and back. Driven
// over real HTTP with a cookie jar, as a browser would: the user ends up with an access token
// the apps accept, named as the provider names them, that opens a document on the socket; a
// tampered state, an altered cookie or a replayed code are refused with a page that says why.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyAccessToken } from '@weft/protocol'
import {
  connectClient,
  type Dex,
  type Fleet,
  freePort,
  startDex,
  startFleet,
  type TestClient,
  waitFor,
} from '@weft/testkit'

const SECRET = 'oidc-sign-in-secret-0123456789abcd'
const CLIENT_SECRET = 'weft-client-secret-never-shown-42'
const USER = {
  email: 'ada@example.com',
  password: 'password' as const,
  name: 'Ada Lovelace',
  userId: 'ada-0001',
}
let dex: Dex
let fleet: Fleet
let node: string
const clients: TestClient[] = []

before(async () => {
  const port = await freePort()
  node = `http://127.0.0.1:${port}`
  dex = await startDex({
    clientId: 'weft',
    clientSecret: CLIENT_SECRET,
    redirectUrls: [`${node}/auth/callback`],
    user: USER,
  })
  fleet = await startFleet({
    nodes: 1,
    authSecret: SECRET,
    env: {
      PORT: String(port),
      OIDC_ISSUER_URL: dex.issuer,
      OIDC_CLIENT_ID: 'weft',
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_REDIRECT_URL: `${node}/auth/callback`,
      OIDC_DOCS: JSON.stringify({ 'grid:*': 'write' }),
    },
  })
})

after(async () => {
  for (const client of clients) client.destroy()
  await fleet?.destroy()
  await dex?.stop()
})

/** A browser's cookie store, per origin (enough for two loopback hosts). */
class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>()
  header(url: URL): string {
    return [...(this.cookies.get(url.origin) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ')
  }
  store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const [name = '', ...value] = pair.trim().split('=')
      const jar = this.cookies.get(url.origin) ?? new Map<string, string>()
      const cleared = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a))
      if (cleared) jar.delete(name)
      else jar.set(name, value.join('='))
      this.cookies.set(url.origin, jar)
    }
  }
  set(origin: string, name: string, value: string) {
    const jar = this.cookies.get(origin) ?? new Map<string, string>()
    jar.set(name, value)
    this.cookies.set(origin, jar)
  }
  get(origin: string, name: string) {
    return this.cookies.get(origin)?.get(name)
  }
}

/** One navigation, following redirects as a browser does; stops at `stopAt`'s path, unfollowed. */
async function navigate(
  jar: CookieJar,
  start: string,
  init: { method?: string; form?: Record<string, string>; stopAt?: string } = {},
) {
  let url = new URL(start)
  let method = init.method ?? 'GET'
  let body: string | undefined = init.form ? new URLSearchParams(init.form).toString() : undefined
  for (let hop = 0; hop < 15; hop++) {
    if (init.stopAt && url.pathname === init.stopAt && hop > 0) return { url, response: null }
    const cookie = jar.header(url)
    const response = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        Accept: 'text/html',
        ...(cookie ? { Cookie: cookie } : {}),
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    })
    jar.store(url, response)
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer()
      url = new URL(location, url)
      method = 'GET'
      body = undefined
      continue
    }
    return { url, response }
  }
  throw new Error('too many redirects')
}

/** From the node's sign-in button to the provider's password form, filled in and sent. */
async function signInAtProvider(jar: CookieJar, returnTo = '/grid/ada-sheet') {
  const login = await navigate(jar, `${node}/auth/login?return=${encodeURIComponent(returnTo)}`)
  assert.equal(login.url.origin, new URL(dex.issuer).origin, 'sent to the provider')
  const page = await login.response?.text()
  assert.equal(login.response?.status, 200, page)
  const action = /<form[^>]*action="([^"]+)"/.exec(page ?? '')?.[1]?.replaceAll('&amp;', '&')
  assert.ok(action, `a login form at the provider:\n${page}`)
  // Back at the node's callback, not followed yet: the test decides what reaches it.
  const back = await navigate(jar, new URL(action, login.url).href, {
    method: 'POST',
    form: { login: USER.email, password: USER.password },
    stopAt: '/auth/callback',
  })
  assert.equal(back.url.origin, node, 'the provider redirected back to the node')
  assert.equal(back.url.pathname, '/auth/callback')
  return back.url
}

function tokenIn(html: string): string {
  const token = /localStorage\.setItem\("weft\.token","([^"]+)"\)/.exec(html)?.[1]
  assert.ok(token, `the page stores a token:\n${html}`)
  return token
}

test('signing in at the provider ends with a token the apps and the socket accept', async () => {
  const jar = new CookieJar()
  const callback = await signInAtProvider(jar)
  assert.ok(jar.get(node, 'weft_oidc'), 'the login cookie is set for the callback')
  const done = await navigate(jar, callback.href)
  const html = (await done.response?.text()) ?? ''
  assert.equal(done.response?.status, 200, html)
  assert.match(html, /Signed in as Ada Lovelace/)
  assert.match(html, /location\.replace\("\/grid\/ada-sheet"\)/, 'back where the user was going')
  assert.doesNotMatch(html, new RegExp(CLIENT_SECRET))
  assert.equal(jar.get(node, 'weft_oidc'), undefined, 'the login cookie is cleared')
  assert.doesNotMatch(done.url.search, /token/, 'no token in an address')

  const token = tokenIn(html)
  const claims = await verifyAccessToken(token, SECRET)
  assert.equal(claims.name, 'Ada Lovelace')
  assert.deepEqual(claims.docs, { 'grid:*': 'write' })
  assert.ok(claims.sub.length > 0)
  assert.ok(
    (claims.exp ?? 0) > Date.now() / 1000 + 3600,
    'lives TOKEN_MAX_LIFETIME (24 h by default), not an instant',
  )

  // The apps' profile endpoint knows them by the provider's name, and offers sign-out.
  const me = await fetch(`${node}/api/me`, { headers: { Authorization: `Bearer ${token}` } })
  const profile = (await me.json()) as { name: string; signOut?: string }
  assert.equal(profile.name, 'Ada Lovelace')
  assert.equal(profile.signOut, '/auth/logout')

  // The token works on the socket: an edit is accepted, and a document outside OIDC_DOCS is not.
  const client = connectClient(fleet.nodes[0]?.wsUrl ?? '', 'grid:ada-sheet', token)
  clients.push(client)
  await client.synced()
  client.doc.getMap('cells').set('A1', 'signed in')
  await waitFor('the edit is acknowledged', () => client.provider.unsyncedChanges === 0)
  const outside = connectClient(fleet.nodes[0]?.wsUrl ?? '', 'canvas:elsewhere', token)
  clients.push(outside)
  await waitFor('no access outside OIDC_DOCS', () => outside.refusals.length > 0)
  assert.match(outside.refusals[0] ?? '', /forbidden/)
})

test('a tampered state is refused with a page that says why', async () => {
  const jar = new CookieJar()
  const callback = await signInAtProvider(jar)
  callback.searchParams.set('state', 'forged-state-value')
  const done = await navigate(jar, callback.href)
  const html = (await done.response?.text()) ?? ''
  assert.equal(done.response?.status, 400)
  assert.match(html, /Sign-in failed/)
  assert.match(html, /does not belong to this sign-in \(state mismatch\)/)
  assert.match(html, /href="\/auth\/login"/, 'offers to start again')
  assert.doesNotMatch(html, /weft\.token/)
})

test('an altered login cookie, a missing one and a replayed code are refused', async () => {
  const jar = new CookieJar()
  const callback = await signInAtProvider(jar)
  const sealed = jar.get(node, 'weft_oidc') ?? ''
  const [payload = '', signature = ''] = sealed.split('.')
  // Another PKCE verifier in the cookie, its signature kept: the MAC no longer matches.
  const state = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, string>
  const forged = Buffer.from(JSON.stringify({ ...state, verifier: 'x'.repeat(43) })).toString(
    'base64url',
  )
  const altered = new CookieJar()
  altered.set(node, 'weft_oidc', `${forged}.${signature}`)
  const refused = await navigate(altered, callback.href)
  assert.equal(refused.response?.status, 400)
  assert.match((await refused.response?.text()) ?? '', /the sign-in cookie was altered/)

  const noCookie = await navigate(new CookieJar(), callback.href)
  assert.equal(noCookie.response?.status, 400)
  assert.match((await noCookie.response?.text()) ?? '', /no sign-in in progress/)

  // The real cookie works once; the same code a second time is refused by the provider.
  const first = await navigate(jar, callback.href)
  assert.equal(first.response?.status, 200)
  await first.response?.text()
  jar.set(node, 'weft_oidc', sealed)
  const replay = await navigate(jar, callback.href)
  assert.equal(replay.response?.status, 400)
  assert.match(
    (await replay.response?.text()) ?? '',
    /did not accept this sign-in&#39;s code \(invalid_grant\)/,
  )
})

test('sign-out forgets the token, and a caller without one is pointed to the sign-in', async () => {
  const out = await fetch(`${node}/auth/logout`, { headers: { Accept: 'text/html' } })
  assert.equal(out.status, 200)
  assert.match(await out.text(), /localStorage\.removeItem\("weft\.token"\)/)
  // Without a token the profile endpoint points at the sign-in.
  const me = await fetch(`${node}/api/me`)
  assert.equal(me.status, 401)
  assert.equal(((await me.json()) as { signIn?: string }).signIn, '/auth/login')
})
