// A plain y-websocket client (WebsocketProvider) at /yjs/<documentName> edits the same document
// as Hocuspocus clients on another node, under the same token rules.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import {
  connectClient,
  type Fleet,
  startFleet,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

const SECRET = 'compat-secret-long-enough-1234'
let fleet: Fleet
const cleanups: (() => void)[] = []

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET })
})

after(async () => {
  for (const cleanup of cleanups) cleanup()
  await fleet?.destroy()
})

function yWebsocketClient(nodeIndex: number, documentName: string, token: string) {
  const doc = new Y.Doc()
  const closeCodes: number[] = []
  const provider = new WebsocketProvider(
    `${fleet.nodes[nodeIndex]?.wsUrl}/yjs`,
    documentName,
    doc,
    {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      params: { token },
      // Short backoff: a refused provider's pending reconnect timer must not outlive the test.
      maxBackoffTime: 500,
      // A BroadcastChannel would keep the test process alive after the providers are destroyed.
      disableBc: true,
    },
  )
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code)
  })
  // Destroying the doc also stops the awareness interval the provider created for it.
  cleanups.push(() => {
    provider.destroy()
    doc.destroy()
  })
  return { doc, provider, closeCodes }
}

function hocuspocusClient(nodeIndex: number, documentName: string, token: string): TestClient {
  const client = connectClient(fleet.nodes[nodeIndex]?.wsUrl as string, documentName, token)
  cleanups.push(() => client.destroy())
  return client
}

test('a y-websocket client and a Hocuspocus client on different nodes edit one document', async () => {
  const token = await mintAccessToken(
    { sub: 'yws', name: 'Y', docs: { 'code:*': 'write' } },
    SECRET,
  )
  const name = 'code:compat'
  const plain = yWebsocketClient(0, name, token)
  const native = hocuspocusClient(1, name, token)
  await native.synced()
  await waitFor('y-websocket synced', () => plain.provider.synced)
  plain.doc.getText('text').insert(0, 'from y-websocket. ')
  native.doc.getText('text').insert(0, 'from hocuspocus. ')
  await waitFor(
    'convergence',
    () => plain.doc.getText('text').toString() === textOf(native) && textOf(native).length === 35,
  )
  // The y-websocket client's edit is logged like any other (once the batch is written).
  await waitFor('the y-websocket edit in the history', async () => {
    const history = await fetch(`${fleet.nodes[0]?.url}/api/documents/${name}/history`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = (await history.json()) as { entries: { userId: string; nodeId: string }[] }
    return body.entries.some((entry) => entry.userId === 'yws' && entry.nodeId === 'node-a')
  })
})

test('y-websocket clients with a bad or foreign token are closed with 4401 / 4403', async () => {
  const forged = await mintAccessToken(
    { sub: 'x', docs: { '*': 'write' } },
    'another-secret-entirely-123',
  )
  const bad = yWebsocketClient(0, 'code:compat-denied', forged)
  await waitFor('4401', () => bad.closeCodes.includes(4401))
  const foreign = await mintAccessToken({ sub: 'x', docs: { 'grid:*': 'write' } }, SECRET)
  const outside = yWebsocketClient(1, 'code:compat-denied', foreign)
  await waitFor('4403', () => outside.closeCodes.includes(4403))
  assert.equal(bad.doc.getText('text').toString(), '')
})
