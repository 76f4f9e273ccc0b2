// Decisions 0165 and 0190: an unchanged awareness renewal is answered without Hocuspocus's
// per-message path and held until peers need it (15 s + AWARENESS_RELAY_MS after they last heard
// the client), relayed with the document's other renewals in one message. What peers see must not
// change: the renewed clock reaches every peer on both nodes, an idle user never disappears from
// a peer's screen (one that joined while a renewal waited included), a changed state still
// arrives at once, and a renewal under someone else's client id is still refused.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import { mintAccessToken } from '@weft/protocol'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import * as encoding from 'lib0/encoding'
import { openProtocolSocket, type ProtocolSocket } from './security/protocolSocket.ts'

const SECRET = 'renewals-secret-0123456789abcd'
const DOC = 'grid:awareness-renewals'
/**
 * The longest relay allowed. A state wrongly taken for a renewal would never arrive at all (the
 * relay sends the held state), so the waits below only bound a slow machine.
 */
const RELAY_MS = 10_000
const ARRIVES = { timeoutMs: 90_000 }
let fleet: Fleet
let observers: TestClient[] = []
const sockets: ProtocolSocket[] = []

const token = (sub: string, name: string) =>
  mintAccessToken({ sub, name, docs: { 'grid:*': 'write' } }, SECRET)

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    env: { AWARENESS_RELAY_MS: String(RELAY_MS) },
  })
  observers = await Promise.all(
    fleet.nodes.map(async (node) => connectClient(node.wsUrl, DOC, await token('obs', 'Observer'))),
  )
  await Promise.all(observers.map((observer) => observer.synced()))
})

after(async () => {
  for (const socket of sockets) socket.socket.terminate()
  for (const observer of observers) observer.destroy()
  await fleet?.destroy()
})

async function publisher(sub: string, name: string): Promise<ProtocolSocket> {
  const socket = await openProtocolSocket(fleet.nodes[0]?.wsUrl as string)
  sockets.push(socket)
  assert.equal(await socket.authenticate(DOC, await token(sub, name)), 'authenticated')
  await socket.established(DOC)
  return socket
}

/** One awareness entry, as a provider sends it: client id, clock, state. */
function publish(socket: ProtocolSocket, clientId: number, clock: number, state: object | null) {
  socket.send(DOC, MessageType.Awareness, (encoder) => {
    const update = encoding.createEncoder()
    encoding.writeVarUint(update, 1)
    encoding.writeVarUint(update, clientId)
    encoding.writeVarUint(update, clock)
    encoding.writeVarString(update, JSON.stringify(state))
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update))
  })
}

const seen = (observer: TestClient, clientId: number) => ({
  clock: observer.provider.awareness?.meta.get(clientId)?.clock,
  state: observer.provider.awareness?.getStates().get(clientId),
})

async function renewalsBatched(): Promise<number> {
  const metrics = await (await fetch(`${fleet.nodes[0]?.url}/metrics`)).text()
  return Number(/^weft_awareness_renewals_batched_total (\d+)/m.exec(metrics)?.[1] ?? 0)
}

test('a renewal reaches peers on both nodes with its new clock, through the batched relay', async () => {
  const socket = await publisher('ren', 'Renewer')
  const id = 700_001
  publish(socket, id, 1, { user: { name: 'whatever' }, cursor: { row: 1 } })
  for (const observer of observers) {
    await waitFor('the first state arrives', () => seen(observer, id).clock === 1, ARRIVES)
    assert.deepEqual(seen(observer, id).state, {
      user: { name: 'Renewer', id: 'ren' },
      cursor: { row: 1 },
    })
  }
  const before = await renewalsBatched()
  publish(socket, id, 2, { user: { name: 'whatever' }, cursor: { row: 1 } })
  for (const observer of observers) {
    await waitFor('the renewal arrives', () => seen(observer, id).clock === 2, {
      ...ARRIVES,
    })
  }
  // The observers' own providers renew too, so at least this one.
  assert.ok((await renewalsBatched()) >= before + 1)
})

test('a changed state is relayed, never taken for a renewal', async () => {
  const socket = await publisher('mov', 'Mover')
  const id = 700_002
  publish(socket, id, 1, { cursor: { row: 1 } })
  for (const observer of observers)
    await waitFor('first', () => seen(observer, id).clock === 1, ARRIVES)
  publish(socket, id, 2, { cursor: { row: 2 } })
  // Taken for a renewal, the relay would send the held state (row 1) with the new clock.
  for (const observer of observers) {
    await waitFor(
      'the moved cursor arrives',
      () => (seen(observer, id).state?.cursor as { row: number } | undefined)?.row === 2,
      ARRIVES,
    )
  }
})

test("a renewal under another connection's client id is still dropped", async () => {
  const owner = await publisher('own', 'Owner')
  const attacker = await publisher('eve', 'Eve')
  const id = 700_003
  publish(owner, id, 1, { user: {}, cursor: { row: 5 } })
  for (const observer of observers)
    await waitFor('owner', () => seen(observer, id).clock === 1, ARRIVES)
  // Eve's state stamped with her name is not the held one; one claiming Owner's is refused too.
  publish(attacker, id, 50, { user: {}, cursor: { row: 5 } })
  publish(attacker, 700_004, 1, { marker: true })
  for (const observer of observers) {
    await waitFor('the marker arrives', () => seen(observer, 700_004).clock === 1, {
      ...ARRIVES,
    })
    assert.equal(seen(observer, id).clock, 1)
    assert.deepEqual(seen(observer, id).state, {
      user: { id: 'own', name: 'Owner' },
      cursor: { row: 5 },
    })
  }
})

/** Longer than the 30 s after which a peer drops a state it has not heard renewed. */
const WATCH_MS = 50_000
/** How often the watch looks at each peer's screen (their awareness states). */
const LOOK_EVERY_MS = 250

test('an idle user stays on every peer, one that joined while a renewal waited included', async () => {
  // A real provider, renewing its unchanged state every 15 s as every app's does.
  const idle = connectClient(fleet.nodes[0]?.wsUrl as string, DOC, await token('idle', 'Idle User'))
  const late: TestClient[] = []
  try {
    idle.provider.setAwarenessField('user', { name: 'Idle User' })
    await idle.synced()
    const id = idle.doc.clientID
    for (const observer of observers)
      await waitFor('the idle user appears', () => seen(observer, id).state !== undefined, ARRIVES)
    // Its first renewal (15–18 s on) waits for the relay; a peer joining on each node then gets
    // the clock the others hold, and must keep the user just as long.
    const heldClock = seen(observers[0] as TestClient, id).clock ?? 0
    await waitFor(
      'the idle user renews',
      () => (idle.provider.awareness?.meta.get(id)?.clock ?? 0) > heldClock,
      ARRIVES,
    )
    for (const node of fleet.nodes) {
      const joiner = connectClient(node.wsUrl, DOC, await token('late', 'Late Joiner'))
      late.push(joiner)
      await joiner.synced()
      await waitFor(
        'the joiner sees the idle user',
        () => seen(joiner, id).state !== undefined,
        ARRIVES,
      )
    }
    const watchers = [...observers, ...late]
    const firstClock = watchers.map((watcher) => seen(watcher, id).clock ?? 0)
    const until = Date.now() + WATCH_MS
    while (Date.now() < until) {
      for (const [i, watcher] of watchers.entries()) {
        assert.deepEqual(
          seen(watcher, id).state,
          { user: { name: 'Idle User', id: 'idle' } },
          `peer ${i} lost the idle user`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS))
    }
    // Renewals did reach them (the user was kept by renewals, not by a stuck timer).
    for (const [i, watcher] of watchers.entries())
      assert.ok((seen(watcher, id).clock ?? 0) > (firstClock[i] as number), `peer ${i} renewed`)
  } finally {
    for (const joiner of late) joiner.destroy()
    idle.destroy()
  }
})
