// Every write to a Canvas document is validated by the server: a client that writes a malformed
// shape (live, or in the state it brings when it connects) has its socket closed with 4422 and a
// reason naming the problem; nothing of that write reaches anyone, valid shapes stay, and the
// node keeps serving. Across two nodes, over real sockets.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { CANVAS_ROOTS, CanvasModel, validateCanvas } from '@weft/canvas-model'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import * as Y from 'yjs'

const DOC = 'canvas:guarded'
let fleet: Fleet
let ada: TestClient
let bob: TestClient
const others: TestClient[] = []

before(async () => {
  fleet = await startFleet({ nodes: 2 })
  ada = connectClient(fleet.nodes[0]?.wsUrl as string, DOC)
  bob = connectClient(fleet.nodes[1]?.wsUrl as string, DOC)
  await Promise.all([ada.synced(), bob.synced()])
})

after(async () => {
  for (const c of [ada, bob, ...others]) c?.destroy()
  await fleet?.destroy()
})

const shapeIds = (c: TestClient) => [...c.doc.getMap(CANVAS_ROOTS.shapes).keys()].sort()

/** A client on node A whose socket's close code and reason are recorded. */
function mallory(doc?: Y.Doc) {
  const c = connectClient(fleet.nodes[0]?.wsUrl as string, DOC)
  others.push(c)
  const closes: { code: number; reason: string }[] = []
  c.socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
    closes.push({ code: event.code, reason: String(event.reason) }),
  )
  if (doc) Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(doc))
  return { client: c, closes }
}

/** Writes a shape map with the given fields, as a client that skips the model would. */
function writeRaw(doc: Y.Doc, id: string, fields: Record<string, unknown>) {
  const m = new Y.Map<unknown>()
  for (const [k, v] of Object.entries(fields)) m.set(k, v)
  doc.getMap(CANVAS_ROOTS.shapes).set(id, m)
}

const ok = { type: 'freehand', z: 'a1', box: { x: 0, y: 0, w: 10, h: 10 }, points: [0, 0, 1, 1] }

test('a malformed free-draw shape is refused with 4422 and a reason; valid work stays', async () => {
  const kept = new CanvasModel(ada.doc).add({ type: 'rect', x: 1, y: 2, w: 30, h: 40 })
  await waitFor('Bob sees the valid rect', () => shapeIds(bob).includes(kept))
  const { client, closes } = mallory()
  await client.synced()
  writeRaw(client.doc, 'sbad0000000', { ...ok, points: [0, 0, 1] })
  await waitFor('the socket is closed', () => closes.length > 0)
  assert.equal(closes[0]?.code, 4422)
  assert.match(closes[0]?.reason ?? '', /invalid canvas write: shapes\.sbad0000000\.points/)
  // A later valid edit on the same node still goes through, and the bad shape never arrived.
  const later = new CanvasModel(ada.doc).add({ type: 'ellipse', x: 5, y: 5, w: 5, h: 5 })
  await waitFor('Bob sees the later shape', () => shapeIds(bob).includes(later))
  assert.deepEqual(shapeIds(bob), [kept, later].sort())
  assert.deepEqual(validateCanvas(bob.doc), [])
})

test('a bad change to an existing shape is refused, the shape keeps its last good box', async () => {
  const id = new CanvasModel(ada.doc).add({ type: 'rect', x: 0, y: 0, w: 10, h: 10 })
  const { client, closes } = mallory()
  await client.synced()
  await waitFor('Mallory has the shape', () => shapeIds(client).includes(id))
  const target = client.doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes).get(id)
  target?.set('box', { x: 'left', y: 0, w: 10, h: 10 })
  await waitFor('the socket is closed', () => closes.length > 0)
  assert.equal(closes[0]?.code, 4422)
  // Ada's next move of the same shape is accepted and is what Bob sees.
  new CanvasModel(ada.doc).update(id, { x: 99 })
  await waitFor('Bob sees the move', () => new CanvasModel(bob.doc).get(id)?.x === 99)
  assert.deepEqual(validateCanvas(bob.doc), [])
})

test("a bad change to a shape made on the other node is refused (the guard's copy follows Redis)", async () => {
  // Node A's guard already holds a copy of this document (the tests above wrote through it); a
  // shape Bob adds on node B reaches that copy only through node A's document.
  const id = new CanvasModel(bob.doc).add({ type: 'rect', x: 3, y: 3, w: 20, h: 20 })
  const { client, closes } = mallory()
  await client.synced()
  await waitFor('Mallory has the shape', () => shapeIds(client).includes(id))
  client.doc
    .getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes)
    .get(id)
    ?.set('box', { x: 3, y: 'top', w: 20, h: 20 })
  await waitFor('the socket is closed', () => closes.length > 0)
  assert.equal(closes[0]?.code, 4422)
  assert.match(closes[0]?.reason ?? '', new RegExp(`shapes\\.${id}\\.`))
  await waitFor('Ada has the shape', () => shapeIds(ada).includes(id))
  assert.deepEqual(validateCanvas(ada.doc), [])
})

test('a bad shape carried in the state a client brings when it connects is refused', async () => {
  const offline = new Y.Doc()
  writeRaw(offline, 'soffline000', { ...ok, type: 'script', stroke: 'url(javascript:x)' })
  const { closes } = mallory(offline)
  await waitFor('the socket is closed', () => closes.length > 0)
  assert.equal(closes[0]?.code, 4422)
  assert.match(closes[0]?.reason ?? '', /shapes\.soffline000\.type: unknown shape type/)
  // The node still serves, and a fresh reader on the other node gets only valid state.
  const reader = connectClient(fleet.nodes[1]?.wsUrl as string, DOC)
  others.push(reader)
  await reader.synced()
  assert.equal(shapeIds(reader).includes('soffline000'), false)
  assert.deepEqual(validateCanvas(reader.doc), [])
  assert.equal((await fetch(`${fleet.nodes[0]?.url}/healthz`)).status, 200)
})

// Groups and arrow bindings are part of the Canvas document (docs/decisions/0152), validated like
// every other shape field: a good group or binding reaches the other node, a malformed one
// closes the writer's socket with 4422 and never reaches anyone.
test('a group and a bound arrow made through the model reach the other node', async () => {
  const m = new CanvasModel(ada.doc)
  const a = m.add({ type: 'rect', x: 0, y: 0, w: 10, h: 10 })
  const arrow = m.add({ type: 'arrow', x: 10, y: 5, w: 50, h: 0, points: [0, 0, 1, 0] })
  m.bind(arrow, 'start', { id: a, x: 1, y: 0.5 })
  const g = m.group([a, arrow])
  const seen = new CanvasModel(bob.doc)
  await waitFor('Bob sees the group and the binding', () => seen.get(arrow)?.group === g)
  assert.deepEqual(seen.get(arrow)?.startBinding, { id: a, x: 1, y: 0.5 })
  assert.deepEqual(validateCanvas(bob.doc), [])
})

for (const [field, value, problem] of [
  ['group', { evil: true }, /shapes\.s\w+\.group: not a group id/],
  ['endBinding', { id: 'sx', x: 5, y: 0 }, /shapes\.s\w+\.endBinding: not \{ id, x, y \}/],
] as const) {
  test(`a malformed ${field} is refused with 4422 and never reaches the other node`, async () => {
    const id = new CanvasModel(ada.doc).add({
      type: 'arrow',
      x: 0,
      y: 0,
      w: 10,
      h: 10,
      points: [0, 0, 1, 1],
    })
    const { client, closes } = mallory()
    await client.synced()
    await waitFor('Mallory has the arrow', () => client.doc.getMap(CANVAS_ROOTS.shapes).has(id))
    client.doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes).get(id)?.set(field, value)
    await waitFor('the socket is closed', () => closes.length > 0)
    assert.equal(closes[0]?.code, 4422)
    assert.match(closes[0]?.reason ?? '', problem)
    // Ada's next valid write to the same arrow still arrives, and Bob never got the bad value.
    new CanvasModel(ada.doc).update(id, { x: 7 })
    const seen = new CanvasModel(bob.doc)
    await waitFor('Bob sees the move', () => seen.get(id)?.x === 7)
    assert.equal(bob.doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes).get(id)?.get(field), undefined)
    assert.deepEqual(validateCanvas(bob.doc), [])
  })
}
