// Issue 15, item 3: share links over real HTTP against a two-node fleet with Redis and Postgres.
// The owner creates read and write links; someone else opens one (on the other node) and gets a
// token limited to that document and role; a read link's holder sees the content live and
// cannot write (API 403, socket edits not applied); revoking and expiry end the link and the
// access it gave; the link's page says why in words.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { GridModel } from '@weft/grid-model'
import { mintAccessToken } from '@weft/protocol'
import { clientPool, documentPath, type Fleet, nodeHttp, startFleet, waitFor } from '@weft/testkit'
import * as Y from 'yjs'

const SECRET = 'share-links-secret-0123456789'
let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const tokenOf = (sub: string, docs: Record<string, 'read' | 'write'> = { '*': 'write' }) =>
  mintAccessToken({ sub, name: `User ${sub}`, docs }, SECRET, '10m')

const call = nodeHttp(() => fleet)

const shares = (name: string) => documentPath(name, 'shares')

/** A grid owned by `owner` with "hello" in its first cell, written over a socket. */
async function ownedGrid(id: string, owner: string) {
  const token = await tokenOf(owner)
  const created = await call(0, '/api/documents', {
    method: 'POST',
    token,
    json: { kind: 'grid', id, title: 'Shared plan' },
  })
  assert.equal(created.status, 201)
  const writer = clients.connect(0, `grid:${id}`, token)
  await writer.synced()
  const grid = new GridModel(writer.doc)
  grid.initialize(2, 2)
  grid.setCell('r0', 'c0', 'hello', { id: owner, name: owner })
  await writer.synced()
  return { name: `grid:${id}`, token, writer, grid }
}

const firstCell = (doc: Y.Doc) => new GridModel(doc).getValue('r0', 'c0')

test('a read link gives another user live, read-only access on the other node', async () => {
  const { name, token, grid } = await ownedGrid('shared-read', 'ada')
  const created = await call(0, shares(name), {
    method: 'POST',
    token,
    json: { role: 'read', expiresInHours: 24 },
  })
  assert.equal(created.status, 201)
  assert.equal(created.body.role, 'read')
  assert.equal(created.body.state, 'live')
  assert.match(created.body.url, /^\/share\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)

  // Someone else, on node B, with no token of their own: a guest named by the page.
  const opened = await call(1, '/api/shares/open', {
    method: 'POST',
    json: { link: created.body.url, name: 'Bea', guestId: 'bea-browser' },
  })
  assert.equal(opened.status, 200)
  assert.equal(opened.body.name, name)
  assert.equal(opened.body.role, 'read')
  assert.equal(opened.body.url, '/grid/shared-read')
  const guest = opened.body.token as string

  // The token opens this document only.
  const reader = clients.connect(1, name, guest)
  await reader.synced()
  assert.equal(firstCell(reader.doc), 'hello')
  assert.equal(reader.provider.authorizedScope, 'readonly')
  const elsewhere = clients.connect(1, 'grid:not-shared', guest)
  await waitFor('other document refused', () => elsewhere.closeCodes.includes(4403))
  assert.equal((await call(1, '/api/documents/grid%3Anot-shared', { token: guest })).status, 403)

  // Live: the owner's next edit reaches the reader.
  grid.setCell('r0', 'c0', 'hello again', { id: 'ada', name: 'ada' })
  await waitFor('reader sees the edit', () => firstCell(reader.doc) === 'hello again')

  // Reading through the API works; writing is refused, on the API and on the socket.
  assert.equal(
    (await call(1, `/api/documents/${encodeURIComponent(name)}`, { token: guest })).status,
    200,
  )
  const source = new Y.Doc()
  new GridModel(source).initialize(1, 1)
  const refused = await call(1, `/api/documents/${encodeURIComponent(name)}/updates`, {
    method: 'POST',
    token: guest,
    body: Y.encodeStateAsUpdate(source),
  })
  assert.equal(refused.status, 403)
  assert.match(refused.body.error, /read-only/)
  new GridModel(reader.doc).setCell('r1', 'c1', 'sneaky', { id: 'x', name: 'x' })
  const check = clients.connect(0, name, token)
  await check.synced()
  // The owner's fresh view has the owner's edit and never the reader's.
  assert.equal(firstCell(check.doc), 'hello again')
  assert.equal(new GridModel(check.doc).getValue('r1', 'c1'), '')

  // The owner sees who opened it.
  const listed = await call(0, shares(name), { token })
  assert.equal(listed.status, 200)
  assert.equal(listed.body.owner.id, 'ada')
  assert.deepEqual(
    listed.body.shares[0].openedBy.map((p: { id: string; name: string }) => [p.id, p.name]),
    [['guest:bea-browser', 'Bea']],
  )
})

test('only the owner lists, creates and revokes links', async () => {
  const { name } = await ownedGrid('shared-owner', 'ada')
  const other = await tokenOf('bob')
  const listed = await call(0, shares(name), { token: other })
  assert.equal(listed.status, 403)
  assert.match(listed.body.error, /only the document's owner/)
  const created = await call(1, shares(name), {
    method: 'POST',
    token: other,
    json: { role: 'write', expiresInHours: 1 },
  })
  assert.equal(created.status, 403)
  const bad = await call(0, shares(name), {
    method: 'POST',
    token: await tokenOf('ada'),
    json: { role: 'admin', expiresInHours: 1 },
  })
  assert.equal(bad.status, 400)
  assert.match(bad.body.error, /"role"/)
  const tooLong = await call(0, shares(name), {
    method: 'POST',
    token: await tokenOf('ada'),
    json: { role: 'read', expiresInHours: 100_000 },
  })
  assert.equal(tooLong.status, 400)
  assert.match(tooLong.body.error, /SHARE_LINK_MAX_HOURS/)
})

test('a write link lets its holder edit; revoking ends the link and the access it gave', async () => {
  const { name, token, writer } = await ownedGrid('shared-write', 'ada')
  const created = await call(0, shares(name), {
    method: 'POST',
    token,
    json: { role: 'write', expiresInHours: 2 },
  })
  const bob = await tokenOf('bob', {})
  const opened = await call(1, '/api/shares/open', {
    method: 'POST',
    token: bob,
    json: { link: `http://example.test${created.body.url}` },
  })
  assert.equal(opened.status, 200)
  const editor = clients.connect(1, name, opened.body.token)
  await editor.synced()
  assert.equal(editor.provider.authorizedScope, 'read-write')
  new GridModel(editor.doc).setCell('r1', 'c0', 'by bob', { id: 'bob', name: 'bob' })
  await waitFor('owner sees bob', () => new GridModel(writer.doc).getValue('r1', 'c0') === 'by bob')
  // Opened with his own token: the link holder is Bob, not a guest.
  const listed = await call(0, shares(name), { token })
  assert.equal(listed.body.shares[0].openedBy[0].id, 'bob')

  const revoked = await call(0, `${shares(name)}/${created.body.id}`, { method: 'DELETE', token })
  assert.equal(revoked.status, 200)
  // Bob's open connection, on the other node, is ended too (its sweep), with 4403.
  await waitFor('bob is disconnected', () => editor.closeCodes.includes(4403), {
    timeoutMs: 30_000,
  })
  assert.equal(revoked.body.state, 'revoked')
  assert.equal((await call(0, shares(name), { token })).body.shares.length, 0)

  const again = await call(1, '/api/shares/open', {
    method: 'POST',
    json: { link: created.body.url },
  })
  assert.equal(again.status, 410)
  assert.match(again.body.error, /turned off/)
  const page = await call(1, created.body.url, { html: true })
  assert.equal(page.status, 410)
  assert.match(page.body, /This share link does not work/)
  assert.doesNotMatch(page.body, /by bob/)

  // The token the link gave no longer opens the document, on either node.
  await waitFor('the API refuses the revoked link', async () => {
    const response = await call(1, `/api/documents/${encodeURIComponent(name)}`, {
      token: opened.body.token,
    })
    return response.status === 403
  })
  const late = clients.connect(1, name, opened.body.token)
  await waitFor('the socket refuses the revoked link', () => late.closeCodes.includes(4403))
  assert.ok(late.refusals.some((reason) => /revoked or has expired/.test(reason)))
})

test('an expired link is refused with words; a made-up one too', async () => {
  const { name, token } = await ownedGrid('shared-expiry', 'ada')
  // 3.6 s.
  const created = await call(0, shares(name), {
    method: 'POST',
    token,
    json: { role: 'read', expiresInHours: 0.001 },
  })
  assert.equal(created.status, 201)
  const opened = await call(1, '/api/shares/open', {
    method: 'POST',
    json: { link: created.body.url },
  })
  assert.equal(opened.status, 200)
  await waitFor(
    'the link expires',
    async () =>
      (await call(1, '/api/shares/open', { method: 'POST', json: { link: created.body.url } }))
        .status === 410,
    { timeoutMs: 30_000 },
  )
  const expired = await call(0, '/api/shares/open', {
    method: 'POST',
    json: { link: created.body.url },
  })
  assert.match(expired.body.error, /expired on .* UTC/)
  // The token it gave ends with it (its own `exp` is within the 30 s clock leeway still).
  const late = clients.connect(0, name, opened.body.token)
  await waitFor('expired link refused', () => late.closeCodes.includes(4403))
  assert.ok(late.refusals.some((reason) => /revoked or has expired/.test(reason)))

  const forged = `${created.body.url.slice(0, -4)}AAAA`
  const made = await call(0, '/api/shares/open', { method: 'POST', json: { link: forged } })
  assert.equal(made.status, 404)
  assert.match(made.body.error, /not a valid share link/)
  assert.equal((await call(0, forged, { html: true })).status, 404)
})

test('the history endpoint takes the bearer header only, never ?token=', async () => {
  const { name, token } = await ownedGrid('history-bearer', 'ada')
  const path = `/api/documents/${encodeURIComponent(name)}/history`
  assert.equal((await call(0, `${path}?token=${token}`)).status, 401)
  assert.equal((await call(0, path, { token })).status, 200)
})
