// Issue 19, item 3: every limit refuses new work with its own code and leaves everyone else alone.
// A production-mode fleet (two nodes, Redis, Postgres, the presence service) with small limits
// so each is reached in seconds; TRUSTED_PROXIES=127.0.0.1 lets a test speak for other addresses
// through X-Forwarded-For, as an ingress would.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import { CloseCodes, mintAccessToken } from '@weft/protocol'
import { clientPool, type Fleet, startFleet, type TestClient, textOf, waitFor } from '@weft/testkit'
import * as encoding from 'lib0/encoding'
import pg from 'pg'
import { messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import { openProtocolSocket, type ProtocolSocket } from './protocolSocket.ts'

const SECRET = 'limits-secret-0123456789abcdef'
let fleet: Fleet
let db: pg.Client
const clients = clientPool(() => fleet)
const sockets: ProtocolSocket[] = []

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    presence: true,
    env: {
      NODE_ENV: 'production',
      AUTH_TIMEOUT_MS: '1500',
      MAX_CONNECTIONS_PER_USER: '3',
      MAX_DOCUMENTS_PER_CONNECTION: '3',
      RATE_LIMIT_MESSAGES_PER_SECOND: '100',
      RATE_LIMIT_MESSAGES_BURST: '200',
      FLOOD_CLOSE_AFTER_MS: '3000',
      AUTH_FAILURES_PER_MINUTE: '20',
      AUTH_BAN_MS: '600000',
      TRUSTED_PROXIES: '127.0.0.1,::1',
    },
  })
  db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
})

after(async () => {
  for (const socket of sockets) socket.socket.terminate()
  clients.destroyAll()
  await db?.end()
  await fleet?.destroy()
})

const token = (sub: string, docs: Record<string, 'read' | 'write'> = { 'grid:*': 'write' }) =>
  mintAccessToken({ sub, name: sub, docs }, SECRET)

async function rawSocket(nodeIndex = 0, headers: Record<string, string> = {}) {
  const socket = await openProtocolSocket(fleet.nodes[nodeIndex]?.wsUrl as string, headers)
  sockets.push(socket)
  return socket
}

async function metric(nodeIndex: number, reason: string): Promise<number> {
  const text = await (await fetch(`${fleet.nodes[nodeIndex]?.url}/metrics`)).text()
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`weft_refused_connections_total{reason="${reason}"}`))
  return Number(line?.split(' ')[1] ?? 0)
}

/** `promise`, or a failure naming `what` after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

async function stillEdits(writer: TestClient, reader: TestClient, marker: string) {
  writer.doc.getText('text').insert(0, marker)
  await waitFor(`${marker} propagates`, () => textOf(reader).includes(marker))
}

test('a socket that never authenticates is closed after AUTH_TIMEOUT_MS with 4408', async () => {
  const silent = await rawSocket()
  const { code } = await silent.closed
  assert.equal(code, CloseCodes.authenticationTimeout)
})

test('the next socket of a user over MAX_CONNECTIONS_PER_USER is refused with 4430; others are unaffected', async () => {
  const ada = await token('ada')
  const tabs = [0, 1, 2].map((i) => clients.connect(0, `grid:tabs-${i}`, ada))
  await Promise.all(tabs.map((tab) => tab.synced()))
  const fourth = clients.connect(0, 'grid:tabs-3', ada)
  await waitFor('the fourth tab refused', () =>
    fourth.closeCodes.includes(CloseCodes.tooManyConnections),
  )
  assert.match(fourth.refusals.join(), /too many open tabs/)
  // Another user on the same node, and the same user on the other node, are not affected.
  const bob = clients.connect(0, 'grid:tabs-0', await token('bob'))
  await bob.synced()
  await clients.connect(1, 'grid:tabs-0', ada).synced()
  // The three tabs keep working, and closing one frees a place.
  await stillEdits(tabs[0] as TestClient, bob, 'still-here ')
  ;(tabs[2] as TestClient).destroy()
  await waitFor(
    'a freed place is usable',
    async () => {
      const retry = clients.connect(0, 'grid:tabs-2', ada)
      try {
        await retry.synced()
        return true
      } catch {
        retry.destroy()
        return false
      }
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  )
})

test('a document over MAX_DOCUMENTS_PER_CONNECTION is refused; the socket keeps its others', async () => {
  const socket = await rawSocket()
  const carol = await token('carol')
  for (const name of ['grid:d1', 'grid:d2', 'grid:d3']) {
    assert.equal(await socket.authenticate(name, carol), 'authenticated')
  }
  assert.match(await socket.authenticate('grid:d4', carol), /too many documents/)
  await new Promise((resolve) => setTimeout(resolve, 500))
  assert.equal(socket.socket.readyState, socket.socket.OPEN)
  assert.ok((await metric(0, 'too-many-documents')) >= 1)
})

test('a flooding socket is held back and then closed with 4429, while other edits keep propagating', async (t) => {
  const writer = clients.connect(0, 'grid:flood-watch', await token('dora'))
  const reader = clients.connect(1, 'grid:flood-watch', await token('eric'))
  await Promise.all([writer.synced(), reader.synced()])
  const baselineStart = Date.now()
  for (let i = 0; i < 5; i++) await stillEdits(writer, reader, `before-flood-${i} `)
  t.diagnostic(`5 edits before the flood: ${Date.now() - baselineStart} ms`)
  const flooder = await rawSocket()
  assert.equal(await flooder.authenticate('grid:flood', await token('mallory')), 'authenticated')
  // Flood an established connection (the rate limit's case), not one still loading its document.
  await within(flooder.established('grid:flood'), 60_000, 'the flooder’s document established')
  const empty = Y.encodeStateAsUpdate(new Y.Doc())
  let sent = 0
  let open = true
  void flooder.closed.then(() => {
    open = false
  })
  const flood = async () => {
    while (open) {
      // Keep the client's own buffer bounded: what the node does not read waits here.
      if (flooder.socket.bufferedAmount < 256 * 1024) {
        for (let i = 0; i < 200; i++) {
          flooder.send('grid:flood', MessageType.Sync, (encoder) => {
            encoding.writeVarUint(encoder, messageYjsUpdate)
            encoding.writeVarUint8Array(encoder, empty)
          })
          sent++
        }
      }
      // 200 messages every 10 ms: a hundred times the limit, while leaving this process (which
      // also runs the writer and the reader) time to do their part.
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }
  const flooding = flood()
  const floodStart = Date.now()
  let closedAt = 0
  void flooder.closed.then(() => {
    closedAt = Date.now() - floodStart
  })
  for (let i = 0; i < 5; i++) await stillEdits(writer, reader, `during-flood-${i} `)
  t.diagnostic(`5 edits while flooding: ${Date.now() - floodStart} ms`)
  // FLOOD_CLOSE_AFTER_MS is 3 s; without the limit the flooder would never be closed.
  const { code } = await within(flooder.closed, 60_000, 'the flooder closed')
  t.diagnostic(`flooder closed after ${closedAt} ms, having queued ${sent} messages`)
  await flooding
  assert.equal(code, CloseCodes.sendingTooFast)
  assert.ok(sent > 300, `the flooder sent ${sent} messages`)
  await stillEdits(writer, reader, 'after-flood ')
  assert.equal(fleet.nodes[0]?.process.running, true)
})

test('failed authentications ban their source address, write no rows, log once; authenticated sockets stay', async () => {
  const attacker = { 'X-Forwarded-For': '198.51.100.7' }
  const rowsBefore = Number(
    (await db.query('SELECT count(*) FROM refused_connections')).rows[0].count,
  )
  // A legitimate socket from the same address, authenticated before the ban.
  const neighbour = await rawSocket(0, attacker)
  assert.equal(await neighbour.authenticate('grid:neighbour', await token('nina')), 'authenticated')
  let refusedUpgrades = 0
  let unauthorized = 0
  for (let i = 0; i < 300; i++) {
    try {
      const socket = await rawSocket(0, attacker)
      const answer = await socket.authenticate('grid:x', `garbage-${i}`)
      if (/unauthorized/.test(answer)) unauthorized++
      socket.socket.terminate()
    } catch (error) {
      assert.match(String(error), /upgrade refused: 429/)
      refusedUpgrades++
    }
  }
  assert.equal(unauthorized, 20)
  assert.equal(refusedUpgrades, 280)
  // Another address, and the banned address's authenticated socket, are unaffected.
  const other = await rawSocket(0, { 'X-Forwarded-For': '203.0.113.5' })
  assert.equal(await other.authenticate('grid:other', await token('olga')), 'authenticated')
  assert.equal(neighbour.socket.readyState, neighbour.socket.OPEN)
  assert.equal(
    await neighbour.authenticate('grid:neighbour-2', await token('nina')),
    'authenticated',
  )
  // No row per attempt; counted in /metrics; one log line for the source within the minute.
  const rowsAfter = Number(
    (await db.query('SELECT count(*) FROM refused_connections')).rows[0].count,
  )
  assert.equal(rowsAfter, rowsBefore)
  assert.ok((await metric(0, 'unauthorized')) >= 20)
  assert.ok((await metric(0, 'authentication-throttled')) >= 280)
  const logs = fleet.nodes[0]?.process.logs(400) ?? ''
  const lines = logs.split('\n').filter((line) => line.includes('198.51.100.7'))
  assert.equal(lines.length, 1, lines.join('\n'))
  assert.doesNotMatch(logs, /\[onAuthenticate\]/)
})

test('refusals of an authenticated user keep their record, at most one a minute', async () => {
  const frank = await token('frank', { 'grid:*': 'write' })
  for (let i = 0; i < 10; i++) {
    const client = clients.connect(1, `canvas:not-yours-${i}`, frank)
    await waitFor('refusal', () => client.closeCodes.includes(CloseCodes.forbidden))
    client.destroy()
  }
  await waitFor('the record is written', async () => {
    const rows = await db.query('SELECT code FROM refused_connections WHERE user_id = $1', [
      'frank',
    ])
    return rows.rows.length === 1 && rows.rows[0].code === CloseCodes.forbidden
  })
  assert.ok((await metric(1, 'forbidden')) >= 10)
})
