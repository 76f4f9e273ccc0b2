// What each client of a document receives of the others' edits, on a real Hocuspocus server and
// real providers: a writer alone in a turn gets none of its own updates back, everyone else gets
// all of them, and two writers typing at once converge, sharing one frame per turn (0197).
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { type Connection, type Document, type Extension, Server } from '@hocuspocus/server'
import { connectClient, type TestClient, textOf, waitFor } from '@weft/testkit'
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { BroadcastToOthers, broadcastToOthers } from './BroadcastToOthers.ts'

const servers: Server[] = []
const clients: TestClient[] = []

after(async () => {
  for (const client of clients) client.destroy()
  for (const server of servers) await server.destroy()
})

async function startServer(extensions: Extension[]): Promise<string> {
  const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, extensions })
  servers.push(server)
  await server.listen()
  return `ws://127.0.0.1:${server.address.port}`
}

/** A connected provider, and the Yjs updates the server sent it in Update frames after `tap`. */
async function client(url: string, documentName: string) {
  const connected = connectClient(url, documentName)
  clients.push(connected)
  await connected.synced()
  const received: Uint8Array[] = []
  const raw = (
    connected.socket as unknown as {
      webSocket: { on: (e: string, l: (d: Buffer) => void) => void }
    }
  ).webSocket
  raw.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== 0) return // not a Sync frame
    if (decoding.readVarUint(decoder) !== 2) return // not an Update
    received.push(decoding.readVarUint8Array(decoder))
  })
  return { ...connected, received }
}

async function type(client: TestClient, text: string) {
  const yText = client.doc.getText('text')
  for (const character of text) {
    yText.insert(yText.length, character)
    // Several keystrokes a turn, as a fast typist's frames arrive.
    if (yText.length % 5 === 0) await nextTurn()
  }
}

const holdsStructsOf = (update: Uint8Array, clientId: number) =>
  Y.decodeUpdate(update).structs.some((struct) => struct.id.client === clientId)

test('a writer gets none of its own keystrokes back; a reader gets all of them', async () => {
  const url = await startServer([new BroadcastToOthers()])
  const writer = await client(url, 'text:alone')
  const reader = await client(url, 'text:alone')
  const words = 'the quick brown fox jumps over the lazy dog '.repeat(4)
  await type(writer, words)
  await waitFor('reader has the text', () => textOf(reader) === words)
  await writer.synced()
  assert.ok(reader.received.length > 0)
  assert.deepEqual(writer.received, [], 'the writer was sent its own updates')
})

test('without the extension Hocuspocus sends a writer its own keystrokes (the control)', async () => {
  const url = await startServer([])
  const writer = await client(url, 'text:control')
  const reader = await client(url, 'text:control')
  await type(writer, 'hello, world')
  await waitFor('reader has the text', () => textOf(reader) === 'hello, world')
  await waitFor('the echo arrived', () => writer.received.length > 0)
})

test('two writers at once converge, each sent what the other typed', async () => {
  const url = await startServer([new BroadcastToOthers()])
  const first = await client(url, 'text:pair')
  const second = await client(url, 'text:pair')
  const watcher = await client(url, 'text:pair')
  await Promise.all([type(first, 'a'.repeat(120)), type(second, 'b'.repeat(120))])
  await waitFor(
    'all three converge',
    () =>
      textOf(first).length === 240 &&
      textOf(first) === textOf(second) &&
      textOf(second) === textOf(watcher),
  )
  for (const [own, other] of [
    [first, second],
    [second, first],
  ] as const) {
    assert.ok(own.received.some((update) => holdsStructsOf(update, other.doc.clientID)))
  }
  assert.ok(watcher.received.some((update) => holdsStructsOf(update, first.doc.clientID)))
  assert.ok(watcher.received.some((update) => holdsStructsOf(update, second.doc.clientID)))
})

/** A connection as broadcastToOthers sees it: an address, and the frames it was sent. */
function fakeConnection() {
  const sent: Uint8Array[] = []
  return { messageAddress: 'doc', sent, send: (bytes: Uint8Array) => void sent.push(bytes) }
}

const keystroke = (clientId: number, character: string) => {
  const doc = new Y.Doc()
  doc.clientID = clientId
  doc.getText('text').insert(0, character)
  return Y.encodeStateAsUpdate(doc)
}

const updateOf = (frame: Uint8Array) => {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarString(decoder)
  decoding.readVarUint(decoder)
  decoding.readVarUint(decoder)
  return decoding.readVarUint8Array(decoder)
}

test('a turn of two writers is encoded once: both writers and the reader get the same frame', () => {
  const [first, second, reader] = [fakeConnection(), fakeConnection(), fakeConnection()]
  const document = { getConnections: () => [first, second, reader] } as unknown as Document
  const origin = (connection: unknown) => ({
    source: 'connection',
    connection: connection as Connection,
  })
  broadcastToOthers(
    document,
    [keystroke(1, 'a'), keystroke(2, 'b')],
    [origin(first), origin(second)],
  )
  for (const connection of [first, second, reader]) assert.equal(connection.sent.length, 1)
  assert.equal(first.sent[0], reader.sent[0], 'one encode for everyone')
  assert.equal(second.sent[0], reader.sent[0], 'one encode for everyone')
  const update = updateOf(reader.sent[0] as Uint8Array)
  assert.ok(holdsStructsOf(update, 1) && holdsStructsOf(update, 2), 'the whole turn')

  // A turn one writer sent alone: it gets nothing, the others get its keystroke.
  for (const connection of [first, second, reader]) connection.sent.length = 0
  broadcastToOthers(document, [keystroke(1, 'c')], [origin(first)])
  assert.deepEqual(first.sent, [])
  assert.equal(second.sent.length, 1)
  assert.equal(reader.sent[0], second.sent[0])
})
