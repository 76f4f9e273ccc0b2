// Issue 19, item 2: awareness is bound to the connection. A read-only attacker publishing under a
// victim's client id changes nothing anyone sees, and its own state carries its token's identity
// whatever it claims — on its node and, through Redis, on the other node.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import { mintAccessToken } from '@weft/protocol'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import * as encoding from 'lib0/encoding'
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness'
import * as Y from 'yjs'
import { openProtocolSocket, type ProtocolSocket } from './protocolSocket.ts'

const SECRET = 'awareness-secret-0123456789abc'
const DOC = 'grid:awareness'
let fleet: Fleet
let victim: TestClient
let observerA: TestClient
let observerB: TestClient
const attackers: ProtocolSocket[] = []

const token = (sub: string, name: string, access: 'read' | 'write') =>
  mintAccessToken({ sub, name, docs: { 'grid:*': access } }, SECRET)

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET, presence: true })
  const [a, b] = fleet.nodes.map((node) => node.wsUrl) as [string, string]
  victim = connectClient(a, DOC, await token('vic', 'Victim', 'write'))
  observerA = connectClient(a, DOC, await token('oa', 'Observer A', 'read'))
  observerB = connectClient(b, DOC, await token('ob', 'Observer B', 'read'))
  await Promise.all([victim.synced(), observerA.synced(), observerB.synced()])
  victim.provider.setAwarenessField('user', { id: 'vic', name: 'Victim', color: '#00f' })
  for (const observer of [observerA, observerB]) {
    await waitFor('the victim seen', () => userOf(observer, victim.doc.clientID)?.name === 'Victim')
  }
})

after(async () => {
  for (const socket of attackers) socket.socket.terminate()
  for (const client of [victim, observerA, observerB]) client?.destroy()
  await fleet?.destroy()
})

function userOf(observer: TestClient, clientId: number) {
  const state = observer.provider.awareness?.getStates().get(clientId)
  return state?.user as { id?: string; name?: string; color?: string } | undefined
}

/** An awareness update for `clientId` with a clock far ahead of any real client's. */
function awarenessFor(clientId: number, state: Record<string, unknown>): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const awareness = new Awareness(doc)
  for (let clock = 0; clock < 100; clock++) awareness.setLocalState({ ...state, clock })
  const update = encodeAwarenessUpdate(awareness, [clientId])
  awareness.destroy()
  return update
}

async function attacker(nodeIndex: number): Promise<ProtocolSocket> {
  const socket = await openProtocolSocket(fleet.nodes[nodeIndex]?.wsUrl as string)
  attackers.push(socket)
  assert.equal(await socket.authenticate(DOC, await token('eve', 'Eve', 'read')), 'authenticated')
  return socket
}

function publish(socket: ProtocolSocket, update: Uint8Array) {
  socket.send(DOC, MessageType.Awareness, (encoder) => encoding.writeVarUint8Array(encoder, update))
}

test("a read-only client cannot publish under another client's id, on its node or the other", async () => {
  for (const nodeIndex of [0, 1]) {
    const socket = await attacker(nodeIndex)
    const ownId = 900_000 + nodeIndex
    publish(socket, awarenessFor(victim.doc.clientID, { user: { id: 'x', name: 'SPOOFED' } }))
    // A later state of its own marks the moment the spoof would have arrived too.
    publish(socket, awarenessFor(ownId, { user: { name: 'marker' } }))
    for (const observer of [observerA, observerB]) {
      await waitFor('the marker arrives', () => userOf(observer, ownId) !== undefined)
      assert.deepEqual(userOf(observer, victim.doc.clientID), {
        id: 'vic',
        name: 'Victim',
        color: '#00f',
      })
    }
  }
})

test("a client's own state shows its token's sub and name, keeping its other fields", async () => {
  const socket = await attacker(0)
  const ownId = 910_000
  publish(
    socket,
    awarenessFor(ownId, {
      user: { id: 'admin', name: 'Administrator', color: '#f00' },
      cursor: { row: 3 },
    }),
  )
  for (const observer of [observerA, observerB]) {
    await waitFor('the attacker state arrives', () => userOf(observer, ownId) !== undefined)
    assert.deepEqual(userOf(observer, ownId), { id: 'eve', name: 'Eve', color: '#f00' })
    const state = observer.provider.awareness?.getStates().get(ownId)
    assert.deepEqual(state?.cursor, { row: 3 })
  }
  const metrics = await (await fetch(`${fleet.nodes[0]?.url}/metrics`)).text()
  assert.match(metrics, /weft_awareness_dropped_total [1-9]/)
})

test('a real client still publishes and updates its own state', async () => {
  victim.provider.setAwarenessField('user', { id: 'forged', name: 'Victim 2', color: '#0f0' })
  for (const observer of [observerA, observerB]) {
    await waitFor(
      'the colour change arrives',
      () => userOf(observer, victim.doc.clientID)?.color === '#0f0',
    )
    assert.deepEqual(userOf(observer, victim.doc.clientID), {
      id: 'vic',
      name: 'Victim',
      color: '#0f0',
    })
  }
})
