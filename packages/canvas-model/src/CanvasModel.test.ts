import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { CanvasModel } from './CanvasModel.ts'

/** Two replicas that exchange updates only when `sync()` is called (a partition until then). */
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.clientID = 1
  b.clientID = 2
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  }
  return { a: new CanvasModel(a, 'a'), b: new CanvasModel(b, 'b'), sync }
}

const rect = (x: number) => ({ type: 'rect' as const, x, y: 0, w: 10, h: 10 })
const order = (m: CanvasModel) => m.list().map((s) => s.id)

test('new shapes stack on top, with defaults filled in', () => {
  const m = new CanvasModel(new Y.Doc())
  const one = m.add(rect(0), 'one')
  const two = m.add({ type: 'sticky', x: 5, y: 5, w: 100, h: 100, text: 'hi', fill: '#ffd43b' })
  assert.deepEqual(order(m), [one, two])
  const s = m.get(two)
  assert.equal(s?.text, 'hi')
  assert.equal(s?.stroke, '#1e1e1e')
  assert.equal(s?.rotation, 0)
})

test('forward, backward, front and back reorder', () => {
  const m = new CanvasModel(new Y.Doc())
  for (const id of ['a', 'b', 'c', 'd']) m.add(rect(0), id)
  m.step('a', 1)
  assert.deepEqual(order(m), ['b', 'a', 'c', 'd'])
  m.step('d', -1)
  assert.deepEqual(order(m), ['b', 'a', 'd', 'c'])
  m.toFront(['b'])
  assert.deepEqual(order(m), ['a', 'd', 'c', 'b'])
  m.toBack(['c', 'b'])
  assert.deepEqual(order(m), ['c', 'b', 'a', 'd'])
  m.step('d', 1)
  m.step('c', -1)
  assert.deepEqual(order(m), ['c', 'b', 'a', 'd'])
})

test('concurrent reorders converge to one order on both replicas', () => {
  const { a, b, sync } = pair()
  for (const id of ['p', 'q', 'r', 's']) a.add(rect(0), id)
  sync()
  a.toFront(['p'])
  b.toFront(['q'])
  a.step('r', 1)
  b.toBack(['s'])
  sync()
  assert.deepEqual(order(a), order(b))
  // Both sent something to front at once: both are above the untouched shapes.
  assert.deepEqual(new Set(order(a).slice(-2)), new Set(['p', 'q']))
  assert.equal(order(a)[0], 's')
  // Equal keys from the tie still leave room to step past each other.
  const [below, above] = order(a).slice(-2) as [string, string]
  a.step(below, 1)
  sync()
  assert.deepEqual(order(b).slice(-2), [above, below])
})

test('concurrent moves of one shape settle on one position; other fields merge', () => {
  const { a, b, sync } = pair()
  const id = a.add(rect(0))
  sync()
  a.update(id, { x: 100, y: 100 })
  b.update(id, { x: 300, y: 50, stroke: '#c2255c' })
  a.update(id, { fill: '#2b8a3e' })
  sync()
  assert.deepEqual(a.get(id), b.get(id))
  const s = a.get(id)
  assert.ok(
    (s?.x === 100 && s.y === 100) || (s?.x === 300 && s.y === 50),
    `a move that was never made: ${s?.x},${s?.y}`,
  )
  assert.equal(s?.stroke, '#c2255c')
  assert.equal(s?.fill, '#2b8a3e')
})

test('delete wins over a concurrent move; duplicate copies above with an offset', () => {
  const { a, b, sync } = pair()
  const id = a.add({ type: 'freehand', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 1, 1] })
  const keep = a.add(rect(50))
  sync()
  a.delete([id])
  b.update(id, { x: 40 })
  sync()
  assert.equal(a.get(id), null)
  assert.equal(b.get(id), null)
  const [copy] = b.duplicate([keep])
  assert.ok(copy)
  const c = b.get(copy)
  assert.equal(c?.x, 66)
  assert.equal(order(b).at(-1), copy)
})

test('undo with the client origin reverts only this client’s edits', () => {
  const { a, b, sync } = pair()
  const undo = new Y.UndoManager(a.shapes, { trackedOrigins: new Set(['a']) })
  const mine = a.add(rect(0))
  undo.stopCapturing()
  sync()
  const theirs = b.add(rect(20))
  sync()
  a.update(mine, { x: 500 })
  undo.stopCapturing()
  undo.undo()
  assert.equal(a.get(mine)?.x, 0)
  undo.undo()
  assert.equal(a.get(mine), null)
  assert.ok(a.get(theirs))
  undo.redo()
  sync()
  assert.ok(b.get(mine))
})

test('snapshot is plain data and equal across synced replicas', () => {
  const { a, b, sync } = pair()
  a.add(rect(1))
  b.add({ type: 'text', x: 3, y: 4, w: 50, h: 20, text: 'hello' })
  a.startTileBoard({ cols: 4, rows: 3, palette: ['#000000', '#ffffff'] })
  a.setTile(1, 2, 1)
  a.setTile(9, 9, 1)
  a.setTile(0, 0, 7)
  sync()
  assert.deepEqual(a.snapshot(), b.snapshot())
  assert.deepEqual(a.snapshot().tiles, { '1:2': 1 })
  assert.equal(JSON.parse(JSON.stringify(a.snapshot())).shapes.length, 2)
})
