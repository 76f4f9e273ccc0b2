// Issue 15, item 2: a user's display name and colour, kept in Postgres and set through
// GET|PUT /api/me, over real HTTP against a two-node fleet with Redis, Postgres and the presence
// service. What others see — cursors (awareness), the fleet-wide presence list and the history
// entries of their edits — carries the chosen name and colour, whatever the client claims.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'

const SECRET = 'identity-profile-secret-0123456789'
let fleet: Fleet
const clients: TestClient[] = []

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET, presence: true })
})

after(async () => {
  for (const client of clients) client.destroy()
  await fleet?.destroy()
})

const tokenFor = (sub: string, name: string) =>
  mintAccessToken({ sub, name, docs: { '*': 'write' } }, SECRET, '10m')

async function me(
  node: number,
  token: string | null,
  init: { method?: string; body?: string } = {},
) {
  const response = await fetch(`${fleet.nodes[node]?.url}/api/me`, {
    method: init.method ?? 'GET',
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
  })
  // biome-ignore lint/suspicious/noExplicitAny: each test asserts the fields it reads.
  return { status: response.status, body: (await response.json()) as any }
}

function userOf(observer: TestClient, clientId: number) {
  return observer.provider.awareness?.getStates().get(clientId)?.user as
    | { id?: string; name?: string; color?: string }
    | undefined
}

test('a new user is their token name; bad names and colours get a 400 that says why', async () => {
  const token = await tokenFor('grace', 'Grace H')
  const first = await me(0, token)
  assert.equal(first.status, 200)
  assert.deepEqual(first.body, {
    id: 'grace',
    name: 'Grace H',
    color: null,
    tokenName: 'Grace H',
    custom: false,
  })
  const refusals: [unknown, RegExp][] = [
    [{ name: '   ', color: '#1971c2' }, /name must not be empty/],
    [{ name: 'x'.repeat(61), color: '#1971c2' }, /name must be at most 60 characters/],
    [{ name: 'Bell\u0007', color: '#1971c2' }, /control characters/],
    [{ name: 'Grace', color: 'blue' }, /color must be a colour like #1971c2/],
    [{ name: 'Grace', color: '#12345' }, /color must be a colour/],
    [{ color: '#1971c2' }, /name must be a string/],
  ]
  for (const [body, message] of refusals) {
    const answer = await me(0, token, { method: 'PUT', body: JSON.stringify(body) })
    assert.equal(answer.status, 400, JSON.stringify(body))
    assert.match(answer.body.error, message)
  }
  const notJson = await me(0, token, { method: 'PUT', body: '{"name":' })
  assert.equal(notJson.status, 400)
  assert.match(notJson.body.error, /not valid JSON/)
  // Nothing was stored by the refusals.
  assert.equal((await me(1, token)).body.custom, false)
})

test('without a valid token there is no profile to read or write', async () => {
  assert.equal((await me(0, null)).status, 401)
  const forged = await mintAccessToken(
    { sub: 'x', docs: { '*': 'write' } },
    'another-secret-0123456789',
    '5m',
  )
  const answer = await me(0, forged, { method: 'PUT', body: '{"name":"X","color":"#000000"}' })
  assert.equal(answer.status, 401)
  const method = await fetch(`${fleet.nodes[0]?.url}/api/me`, { method: 'DELETE' })
  assert.equal(method.status, 405)
})

test('a chosen name and colour is what others see: cursors, presence and history, on both nodes', async () => {
  const [a, b] = fleet.nodes.map((node) => node.wsUrl) as [string, string]
  const doc = 'grid:profile-story'
  const adaToken = await tokenFor('ada', 'ada@example.com')
  const saved = await me(0, adaToken, {
    method: 'PUT',
    body: JSON.stringify({ name: '  Ada Lovelace ', color: '#2B8A3E' }),
  })
  assert.equal(saved.status, 200)
  assert.deepEqual(saved.body, {
    id: 'ada',
    name: 'Ada Lovelace',
    color: '#2b8a3e',
    tokenName: 'ada@example.com',
    custom: true,
  })
  // The other node reads it from Postgres.
  assert.equal((await me(1, adaToken)).body.name, 'Ada Lovelace')

  // Ada edits on node B (which never cached her profile before this GET); Bob watches on node A.
  const ada = connectClient(b, doc, adaToken)
  const bob = connectClient(a, doc, await tokenFor('bob', 'Bob'))
  clients.push(ada, bob)
  await Promise.all([ada.synced(), bob.synced()])
  // Her client claims another name and colour: the node stamps the chosen ones.
  ada.provider.setAwarenessField('user', { id: 'ada', name: 'Someone Else', color: '#000000' })
  await waitFor('Ada seen by Bob with her chosen name and colour', () => {
    const user = userOf(bob, ada.doc.clientID)
    return user?.name === 'Ada Lovelace' && user.color === '#2b8a3e'
  })
  ada.doc.getMap('cells').set('A1', 'hello')
  await waitFor('the edit reached Bob', () => bob.doc.getMap('cells').get('A1') === 'hello')

  const presence = await waitFor('Ada in the fleet-wide presence list', async () => {
    const response = await fetch(`${fleet.nodes[0]?.url}/api/presence/${encodeURIComponent(doc)}`, {
      headers: { Authorization: `Bearer ${adaToken}` },
    })
    const body = (await response.json()) as {
      documents: Record<string, { id: string; name: string }[]>
    }
    const people = body.documents[doc] ?? []
    return people.some((person) => person.name === 'Ada Lovelace') ? people : undefined
  })
  assert.ok(presence)

  const entries = await waitFor('her edit in the history', async () => {
    const response = await fetch(
      `${fleet.nodes[0]?.url}/api/documents/${encodeURIComponent(doc)}/history?limit=50`,
      { headers: { Authorization: `Bearer ${adaToken}` } },
    )
    const body = (await response.json()) as { entries: { userId: string; userName: string }[] }
    return body.entries.find((entry) => entry.userId === 'ada')
  })
  assert.equal(entries?.userName, 'Ada Lovelace')

  // A new name reaches a connection that is already open at its next awareness update, on the
  // node that stored it at once and on the other within the cache's few seconds.
  const renamed = await me(1, adaToken, {
    method: 'PUT',
    body: JSON.stringify({ name: 'Countess Ada', color: '#1971c2' }),
  })
  assert.equal(renamed.status, 200)
  await waitFor('Bob sees the new name and colour', () => {
    ada.provider.setAwarenessField('cursor', { at: Date.now() })
    const user = userOf(bob, ada.doc.clientID)
    return user?.name === 'Countess Ada' && user.color === '#1971c2'
  })
})
