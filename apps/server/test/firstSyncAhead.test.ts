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

test('a first client gets the snapshot ahead, then only the rest, and holds the stored text', async () => {
  const name = 'grid:first-sync-ahead'
  const expected = await seed(name, 7)
  const socket = await openProtocolSocket(fleet.nodes[0]?.wsUrl as string)
  const client = new Y.Doc()
  const syncMessages: { step: number; bytes: number }[] = []
  socket.socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return
    const step = decoding.readVarUint(decoder)
    if (step === messageYjsSyncStep1) return
    const update = decoding.readVarUint8Array(decoder)
    syncMessages.push({ step, bytes: update.byteLength })
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
    assert.equal(client.getText('text').toString(), expected)
    // The snapshot came first as a plain update (no "synced" before the rest is there)...
    assert.equal(syncMessages[0]?.step, messageYjsUpdate)
    // ...and the answer carried only the tail and the delete set, not the document again.
    const reply = syncMessages.find((message) => message.step === messageYjsSyncStep2)
    assert.ok((reply?.bytes ?? Infinity) < 10_000, `answer of ${reply?.bytes} bytes`)
  } finally {
    socket.socket.terminate()
  }
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
