// Groups and arrow bindings are part of the Canvas document (docs/decisions/0152), so the server
// validates them like every other shape field: a good group or binding reaches the other node,
// a malformed one closes the writer's socket with 4422 and never reaches anyone.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { CANVAS_ROOTS, CanvasModel, validateCanvas } from '@weft/canvas-model'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import type * as Y from 'yjs'

const DOC = 'canvas:grouped'
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

function mallory() {
  const c = connectClient(fleet.nodes[0]?.wsUrl as string, DOC)
  others.push(c)
  const closes: { code: number; reason: string }[] = []
  c.socket.on('close', ({ event }: { event: { code: number; reason: string } }) =>
    closes.push({ code: event.code, reason: String(event.reason) }),
  )
  return { client: c, closes }
}

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
