// The presence service beside a three-node fleet: one list of everyone online, tokens decide what
// a caller sees, a killed node's users expire within the bound with their sessions errored, two
// replicas agree, and the live stream reports joins.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import pg from 'pg'

const SECRET = 'presence-secret-0123456789'
let fleet: Fleet
const clients: TestClient[] = []

before(async () => {
  fleet = await startFleet({
    nodes: 3,
    authSecret: SECRET,
    presence: true,
    env: { PRESENCE_HEARTBEAT_MS: '500', PRESENCE_EXPIRY_MS: '2500', PRESENCE_POLL_MS: '250' },
  })
})

after(async () => {
  for (const client of clients) client.destroy()
  await fleet?.destroy()
})

const token = (sub: string, docs: Record<string, 'read' | 'write'> = { '*': 'write' }) =>
  mintAccessToken({ sub, name: sub.toUpperCase(), docs }, SECRET)

async function join(nodeIndex: number, documentName: string, user: string) {
  const client = connectClient(
    fleet.nodes[nodeIndex]?.wsUrl as string,
    documentName,
    await token(user),
  )
  clients.push(client)
  await client.synced()
  return client
}

interface Snapshot {
  documents: Record<string, { sub: string; name: string; nodes: string[] }[]>
}

async function presence(
  base: string,
  bearer?: string,
  path = '/api/presence',
): Promise<{ status: number; body: Snapshot }> {
  const response = await fetch(`${base}${path}`, {
    headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
  })
  return { status: response.status, body: (await response.json()) as Snapshot }
}

const subsOf = (snapshot: Snapshot, document: string) =>
  (snapshot.documents[document] ?? []).map((user) => user.sub).sort()

test('users on three nodes appear in one list, grouped by document', async () => {
  await join(0, 'grid:team', 'ada')
  await join(1, 'grid:team', 'bob')
  await join(2, 'code:proj', 'cy')
  const viewer = await token('ops', { '*': 'read' })
  const service = fleet.presence[0]?.url as string
  await waitFor('all three online', async () => {
    const { body } = await presence(service, viewer)
    return (
      subsOf(body, 'grid:team').join() === 'ada,bob' && subsOf(body, 'code:proj').join() === 'cy'
    )
  })
  // The same answer through any node (forwarded), so the apps can ask their own origin.
  const viaNode = await presence(fleet.nodes[2]?.url as string, viewer)
  assert.deepEqual(subsOf(viaNode.body, 'grid:team'), ['ada', 'bob'])
  const one = await presence(service, viewer, `/api/presence/${encodeURIComponent('grid:team')}`)
  assert.deepEqual(Object.keys(one.body.documents), ['grid:team'])
  assert.equal(one.body.documents['grid:team']?.find((user) => user.sub === 'ada')?.name, 'ADA')
})

test('unauthorised presence queries are refused, and tokens see only documents they may read', async () => {
  const service = fleet.presence[0]?.url as string
  assert.equal((await presence(service)).status, 401)
  const forged = await mintAccessToken(
    { sub: 'x', docs: { '*': 'read' } },
    'another-secret-0123456789',
  )
  assert.equal((await presence(service, forged)).status, 401)
  const gridOnly = await token('g', { 'grid:*': 'read' })
  const { status, body } = await presence(service, gridOnly)
  assert.equal(status, 200)
  assert.deepEqual(Object.keys(body.documents), ['grid:team'])
})

test('a second replica agrees with the first', async () => {
  const second = await fleet.addPresence()
  const viewer = await token('ops', { '*': 'read' })
  await waitFor('replicas agree', async () => {
    const [a, b] = await Promise.all([
      presence(fleet.presence[0]?.url as string, viewer),
      presence(second.url, viewer),
    ])
    return (
      JSON.stringify(a.body.documents) === JSON.stringify(b.body.documents) &&
      subsOf(b.body, 'grid:team').length === 2
    )
  })
})

test('the live stream reports a user joining', async () => {
  const viewer = await token('ops', { '*': 'read' })
  const response = await fetch(
    `${fleet.presence[0]?.url}/api/presence/stream?token=${viewer}&document=${encodeURIComponent('canvas:live')}`,
  )
  assert.equal(response.headers.get('content-type'), 'text/event-stream')
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  let text = ''
  const read = async () => {
    const { value } = await reader.read()
    text += new TextDecoder().decode(value)
  }
  await read()
  assert.match(text, /event: presence/)
  await join(0, 'canvas:live', 'dee')
  await waitFor('stream shows dee', async () => {
    await read()
    return text.includes('"sub":"dee"')
  })
  await reader.cancel()
})

test('kill -9 of a node: its users disappear within the bound and their sessions become errored', async () => {
  await join(1, 'grid:crash', 'eve')
  const viewer = await token('ops', { '*': 'read' })
  const service = fleet.presence[0]?.url as string
  await waitFor('eve online', async () =>
    subsOf((await presence(service, viewer)).body, 'grid:crash').includes('eve'),
  )
  await fleet.nodes[1]?.kill()
  const killedAt = Date.now()
  await waitFor(
    'eve gone',
    async () => !subsOf((await presence(service, viewer)).body, 'grid:crash').includes('eve'),
    { timeoutMs: 15_000 },
  )
  // Expiry 2.5 s + poll 0.25 s, with slack for a loaded machine.
  assert.ok(Date.now() - killedAt < 10_000, 'expired within the configured bound')
  assert.ok(
    subsOf((await presence(service, viewer)).body, 'grid:team').includes('ada'),
    'other nodes unaffected',
  )

  const db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
  try {
    const rows = await waitFor('errored sessions recorded', async () => {
      const result = await db.query(
        `SELECT user_id, status, reason FROM sessions WHERE node_id = 'node-b' AND status <> 'closed'`,
      )
      return result.rows.length > 0 && result.rows.every((row) => row.status === 'errored')
        ? result.rows
        : undefined
    })
    assert.ok(rows.some((row: { user_id: string }) => row.user_id === 'eve'))
    assert.match((rows[0] as { reason: string }).reason, /node-b stopped heartbeating/)
  } finally {
    await db.end()
  }
  await fleet.nodes[1]?.start()
})
