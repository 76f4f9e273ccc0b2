import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { bindingTo, boundPoint, resolveArrow } from './bindings.ts'
import { CanvasModel } from './CanvasModel.ts'

function board() {
  const m = new CanvasModel(new Y.Doc())
  const box = m.add({ type: 'rect', x: 100, y: 100, w: 100, h: 50 })
  const arrow = m.add({ type: 'arrow', x: 0, y: 0, w: 100, h: 125, points: [0, 0, 1, 1] })
  m.bind(arrow, 'end', { id: box, x: 0, y: 0.5 })
  const drawn = () => {
    const a = m.get(arrow)
    return a && resolveArrow(a, (id) => m.get(id))
  }
  return { m, box, arrow, drawn }
}

test('a bound end sits on its shape and follows a move or resize; the free end stays', () => {
  const { m, box, drawn } = board()
  assert.deepEqual(drawn() && [drawn()?.x, drawn()?.y, drawn()?.w, drawn()?.h], [0, 0, 100, 125])
  m.update(box, { x: 300, y: 0 })
  assert.deepEqual(drawn() && [drawn()?.x, drawn()?.y, drawn()?.w, drawn()?.h, drawn()?.points], [
    0,
    0,
    300,
    25,
    [0, 0, 1, 1],
  ])
  m.update(box, { h: 200 })
  assert.equal(drawn()?.h, 100, 'the middle of the left side moved down with the resize')
})

test('a binding is a point of the turned box; dropping beyond the box clamps to its edge', () => {
  const shape = {
    id: 't',
    type: 'rect' as const,
    x: 0,
    y: 0,
    w: 100,
    h: 20,
    rotation: 90,
    z: 'a',
    points: [],
    text: '',
    fontSize: 20,
    stroke: '#000',
    fill: 'none',
    strokeWidth: 2,
  }
  // Turned upright about (50, 10): its right end's middle is at the bottom, (50, 60).
  const p = boundPoint(shape, { id: 't', x: 1, y: 0.5 })
  assert.ok(Math.abs(p.x - 50) < 1e-9 && Math.abs(p.y - 60) < 1e-9)
  assert.deepEqual(bindingTo(shape, { x: 50, y: 60 }), { id: 't', x: 1, y: 0.5 })
  assert.deepEqual(bindingTo({ ...shape, rotation: 0 }, { x: 500, y: -5 }), { id: 't', x: 1, y: 0 })
})

test('an arrow whose shape is missing is drawn as stored; unbound arrows keep their object', () => {
  const { m, box, arrow } = board()
  const a = m.get(arrow)
  assert.ok(a)
  assert.equal(
    resolveArrow(a, () => null),
    a,
  )
  const plain = m.get(box)
  assert.ok(plain)
  assert.equal(
    resolveArrow(plain, (id) => m.get(id)),
    plain,
  )
})

test('deleting the bound shape leaves the arrow where it was drawn, unbound', () => {
  const { m, box, arrow, drawn } = board()
  m.update(box, { x: 300, y: 0 })
  const before = drawn()
  m.delete([box])
  const after = m.get(arrow)
  assert.equal(after?.endBinding, undefined)
  assert.deepEqual(
    after && [after.x, after.y, after.w, after.h, after.points],
    before && [before.x, before.y, before.w, before.h, before.points],
  )
})

test('detach fixes an arrow where it is drawn and drops only the named bindings', () => {
  const { m, box, arrow } = board()
  const other = m.add({ type: 'ellipse', x: -50, y: -50, w: 20, h: 20 })
  m.bind(arrow, 'start', { id: other, x: 0.5, y: 0.5 })
  m.update(box, { x: 400 })
  m.detach([arrow], (target) => target === box)
  const a = m.get(arrow)
  assert.equal(a?.endBinding, undefined)
  assert.deepEqual(a?.startBinding, { id: other, x: 0.5, y: 0.5 })
  assert.equal((a?.x ?? 0) + (a?.w ?? 0), 400, 'the end was written where it was drawn')
})
