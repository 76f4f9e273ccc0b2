// Decision 0166: the first client of a large stored document gets the snapshot before the node
// has parsed it, then only what the snapshot lacks. What the client ends with must be exactly
// the stored document (snapshot and log tail), its `synced` must still mean "has everything",
// and the snapshot must cross the wire once, not twice.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import { connectClient, type Fleet, startFleet, waitFor } from '@weft/testkit'
import * as decoding from 'lib0/decoding'
import pg from 'pg'
import {
  messageYjsSyncStep1,
  messageYjsSyncStep2,
  messageYjsUpdate,
  writeSyncStep1,
} from 'y-protocols/sync'
import * as Y from 'yjs'
import { openProtocolSocket } from './security/protocolSocket.ts'

let fleet: Fleet
let db: pg.Client

before(async () => {
  fleet = await startFleet({ nodes: 1 })
  db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
})

after(async () => {
  await db?.end()
  await fleet?.destroy()
})

/** 1.5 MB of text that V2 cannot shrink below the send-ahead size (1 MiB). */
function largeText(seed: number): string {
  let text = ''
  let x = seed
  while (text.length < 1_500_000) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    text += x.toString(36)
  }
  return text
}

/** Seeds a compacted document (one V2 snapshot) and one log row after it; returns its text. */
async function seed(name: string, seedValue: number): Promise<string> {
  const doc = new Y.Doc()
  doc.getText('text').insert(0, largeText(seedValue))
  const snapshot = Y.encodeStateAsUpdateV2(doc)
  const before = Y.encodeStateVector(doc)
  doc.getText('text').insert(0, 'TAIL ')
  doc.getText('text').delete(10, 5)
  const tail = Y.encodeStateAsUpdate(doc, before)
  await db.query('INSERT INTO documents (name) VALUES ($1)', [name])
  await db.query(
    `INSERT INTO snapshots (document_name, state, update_count, node_id, encoding)
     VALUES ($1, $2, 0, 'seed', 2)`,
    [name, Buffer.from(snapshot)],
  )
  await db.query(
    `INSERT INTO document_updates (document_name, update_key, update, node_id, received_at)
     VALUES ($1, $2, $3, 'seed', now())`,
    [name, `seed:${name}`, Buffer.from(tail)],
  )
  assert.ok(snapshot.byteLength > 1024 * 1024, 'the snapshot is above the send-ahead size')
  return doc.getText('text').toString()
}

/** A protocol-level first sync of `name`: every sync message's step and update bytes, in order. */
async function firstSync(name: string) {
  const socket = await openProtocolSocket(fleet.nodes[0]?.wsUrl as string)
  const client = new Y.Doc()
  const syncMessages: { step: number; update: Uint8Array }[] = []
  socket.socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return
    const step = decoding.readVarUint(decoder)
    if (step === messageYjsSyncStep1) return
    const update = decoding.readVarUint8Array(decoder)
    syncMessages.push({ step, update })
    Y.applyUpdate(client, update)
  })
  try {
    // Sent right behind the authentication, so it is queued before the load reads the store
    // whatever the machine's speed (a provider sends it once authenticated, while a large
    // document is still being read).
    const answer = socket.authenticate(name, '')
    socket.send(name, MessageType.Sync, (encoder) => writeSyncStep1(encoder, new Y.Doc()))
    assert.equal(await answer, 'authenticated')
    await waitFor('the sync answer', () =>
      syncMessages.some((message) => message.step === messageYjsSyncStep2),
    )
    return { text: client.getText('text').toString(), syncMessages }
  } finally {
    socket.socket.terminate()
  }
}

test('a first client gets the snapshot ahead, then only the rest, and holds the stored text', async () => {
  const name = 'grid:first-sync-ahead'
  const expected = await seed(name, 7)
  const { text, syncMessages } = await firstSync(name)
  assert.equal(text, expected)
  // The snapshot came first as a plain update (no "synced" before the rest is there)...
  assert.equal(syncMessages[0]?.step, messageYjsUpdate)
  // ...and the answer carried only the tail and the delete set, not the document again.
  const reply = syncMessages.find((message) => message.step === messageYjsSyncStep2)
  assert.ok(
    (reply?.update.byteLength ?? Infinity) < 10_000,
    `answer of ${reply?.update.byteLength} bytes`,
  )
})

test('a large document the node compacted is stored as sent, and a new client holds it exactly', async () => {
  // Decision 0186: the node's own compaction stores a large document in V1, and the next first
  // sync sends those persisted bytes as they are.
  const name = 'grid:first-sync-compacted'
  const writer = connectClient(fleet.nodes[0]?.wsUrl as string, name)
  let expected: string
  try {
    await writer.synced()
    writer.doc.getText('text').insert(0, largeText(17))
    writer.doc.getText('text').delete(100, 50)
    writer.doc.getText('text').insert(0, 'LAST ')
    expected = writer.doc.getText('text').toString()
    await waitFor('the edits stored', async () => {
      const { rows } = await db.query('SELECT 1 FROM document_updates WHERE document_name = $1', [
        name,
      ])
      return rows.length >= 3
    })
  } finally {
    writer.destroy()
  }
  // The last client left: the node unloads the document and compacts its log into a snapshot.
  const stored = await waitFor(
    'the compacted snapshot',
    async () => {
      const { rows } = await db.query(
        'SELECT state, encoding FROM snapshots WHERE document_name = $1 ORDER BY id DESC LIMIT 1',
        [name],
      )
      return rows[0] as { state: Buffer; encoding: number } | undefined
    },
    { timeoutMs: 60_000 },
  )
  assert.equal(stored.encoding, 1, 'a large snapshot is stored in V1')
  const { text, syncMessages } = await firstSync(name)
  assert.equal(text, expected)
  assert.equal(syncMessages[0]?.step, messageYjsUpdate)
  assert.ok(Buffer.from(syncMessages[0]?.update ?? []).equals(stored.state), 'sent as stored')
})

test('a client that already holds part of the document gets the usual single answer', async () => {
  const name = 'grid:first-sync-usual'
  const expected = await seed(name, 11)
  // A provider with local content has a non-empty state vector.
  const client = connectClient(fleet.nodes[0]?.wsUrl as string, name)
  client.doc.getMap('meta').set('local', true)
  try {
    await client.synced()
    await waitFor('the stored text', () => client.doc.getText('text').toString() === expected)
    assert.equal(client.doc.getMap('meta').get('local'), true)
  } finally {
    client.destroy()
  }
})

test('a provider syncing a large stored document converges with the node', async () => {
  const name = 'grid:first-sync-provider'
  const expected = await seed(name, 13)
  const first = connectClient(fleet.nodes[0]?.wsUrl as string, name)
  try {
    await first.synced()
    assert.equal(first.doc.getText('text').toString(), expected)
    // An edit after the sync reaches a second client: the first one's connection is live.
    first.doc.getText('text').insert(0, 'after ')
    const second = connectClient(fleet.nodes[0]?.wsUrl as string, name)
    try {
      await second.synced()
      await waitFor('the edit', () => second.doc.getText('text').toString() === `after ${expected}`)
    } finally {
      second.destroy()
    }
  } finally {
    first.destroy()
  }
})
