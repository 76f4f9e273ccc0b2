// Access tokens against a fleet with AUTH_SECRET: bad tokens get 4401, tokens without a matching
// pattern get 4403, read-only tokens cannot change a document; the history API obeys the same rules.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { clientPool, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import { SignJWT } from 'jose'

const SECRET = 'test-secret-that-is-long-enough'
let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

const writeToken = (docs: Record<string, 'read' | 'write'> = { 'grid:*': 'write' }) =>
  mintAccessToken({ sub: 'ada', name: 'Ada', docs }, SECRET)

async function expectRefused(c: TestClient, code: number) {
  await waitFor('refusal', () => c.refusals.length > 0 && c.closeCodes.includes(code))
  assert.equal(c.provider.isSynced, false)
}

test('a valid token syncs', async () => {
  const c = clients.connect(0, 'grid:auth-ok', await writeToken())
  await c.synced()
})

test('an expired token is refused with 4401', async () => {
  const expired = await new SignJWT({ sub: 'ada', docs: { '*': 'write' } })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(new TextEncoder().encode(SECRET))
  await expectRefused(clients.connect(0, 'grid:auth-expired', expired), 4401)
})

test('a token signed with another secret is refused with 4401', async () => {
  const forged = await mintAccessToken(
    { sub: 'mallory', docs: { '*': 'write' } },
    'some-other-secret-0123456789',
  )
  await expectRefused(clients.connect(1, 'grid:auth-forged', forged), 4401)
})

test('garbage and missing tokens are refused with 4401', async () => {
  await expectRefused(clients.connect(0, 'grid:auth-garbage', 'not-a-jwt'), 4401)
  await expectRefused(clients.connect(0, 'grid:auth-missing', ''), 4401)
})

test('a token for other documents is refused with 4403', async () => {
  await expectRefused(
    clients.connect(0, 'canvas:foreign', await writeToken({ 'grid:*': 'write' })),
    4403,
  )
})

test('a read-only token cannot change a document', async () => {
  const name = 'grid:read-only'
  const writer = clients.connect(0, name, await writeToken())
  await writer.synced()
  writer.doc.getMap('cells').set('A1', 'by writer')
  await writer.synced()

  const reader = clients.connect(
    1,
    name,
    await writeToken({ 'grid:read-*': 'read', 'grid:other': 'write' }),
  )
  await waitFor('reader sees writer', () => reader.doc.getMap('cells').get('A1') === 'by writer')
  reader.doc.getMap('cells').set('A1', 'by reader')
  reader.doc.getMap('cells').set('B1', 'sneaky')
  // A fresh client on the other node sees the writer's value only, even after the reader's
  // attempt had every chance to arrive.
  await new Promise((resolve) => setTimeout(resolve, 500))
  writer.doc.getMap('cells').set('C1', 'marker')
  await writer.synced()
  const observer = clients.connect(0, name, await writeToken())
  await waitFor('observer synced', () => observer.doc.getMap('cells').get('C1') === 'marker')
  assert.equal(observer.doc.getMap('cells').get('A1'), 'by writer')
  assert.equal(observer.doc.getMap('cells').get('B1'), undefined)
})

test('the history API requires a token granting the document', async () => {
  const url = `${fleet.nodes[0]?.url}/api/documents/${encodeURIComponent('grid:auth-ok')}/history`
  assert.equal((await fetch(url)).status, 401)
  const foreign = await writeToken({ 'canvas:*': 'read' })
  assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${foreign}` } })).status, 403)
  const allowed = await writeToken({ 'grid:*': 'read' })
  const response = await fetch(url, { headers: { Authorization: `Bearer ${allowed}` } })
  assert.equal(response.status, 200)
  const body = (await response.json()) as { entries: unknown[] }
  assert.ok(Array.isArray(body.entries))
})
