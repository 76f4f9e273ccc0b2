import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CanvasModel } from '@weft/canvas-model'
import * as Y from 'yjs'
import { bindingAt } from './arrowBinding.ts'
import { bindNewArrow, finishDrag, writeDragStep } from './dragWrites.ts'
import { pressOutcome, stepOutcome } from './gestures.ts'

function board() {
  const m = new CanvasModel(new Y.Doc())
  const a = m.add({ type: 'rect', x: 0, y: 0, w: 100, h: 100 })
  const b = m.add({ type: 'ellipse', x: 300, y: 0, w: 100, h: 100 })
  const arrow = m.add({ type: 'arrow', x: 50, y: 50, w: 300, h: 0, points: [0, 0, 1, 0] })
  return { m, a, b, arrow }
}

test('a new arrow binds each end to the shape under it, never to another arrow', () => {
  const { m, a, b, arrow } = board()
  bindNewArrow(m, arrow, { x: 50, y: 50 }, { x: 350, y: 50 }, m.list())
  assert.deepEqual(m.get(arrow)?.startBinding, { id: a, x: 0.5, y: 0.5 })
  assert.deepEqual(m.get(arrow)?.endBinding, { id: b, x: 0.5, y: 0.5 })
  assert.equal(bindingAt(m.list(), { x: 200, y: 50 }, 'other'), null, 'arrows are not targets')
  assert.equal(bindingAt(m.list(), { x: 200, y: 300 }, arrow), null)
})

test('an end dragged off its shape lets go; dropped on one it binds', () => {
  const { m, a, arrow } = board()
  bindNewArrow(m, arrow, { x: 50, y: 50 }, { x: 350, y: 50 }, m.list())
  const shape = m.get(arrow)
  assert.ok(shape)
  const press = pressOutcome({
    button: 0,
    tool: 'select',
    shift: false,
    handle: 'end',
    hitId: null,
    point: { x: 350, y: 50 },
    screen: { sx: 0, sy: 0 },
    cam: { x: 0, y: 0, zoom: 1 },
    selection: [arrow],
    shapeOf: (id) => m.get(id),
  })
  assert.ok(press.kind === 'select' && press.gesture?.kind === 'endpoint')
  if (press.kind !== 'select' || !press.gesture) return
  const to = { x: 350, y: 300 }
  writeDragStep(m, press.gesture, stepOutcome(press.gesture, to, { sx: 0, sy: 0 }, 'select'))
  finishDrag(m, press.gesture, to, m.list())
  assert.equal(m.get(arrow)?.endBinding, undefined)
  assert.deepEqual(m.get(arrow)?.startBinding?.id, a, 'the other end stays bound')
  assert.equal(m.get(arrow)?.h, 250)
})

test('moving an arrow alone lets go of its shapes; moved with them it stays bound', () => {
  const { m, a, arrow } = board()
  bindNewArrow(m, arrow, { x: 50, y: 50 }, { x: 350, y: 50 }, m.list())
  const move = (ids: string[]) => {
    const origins = new Map(ids.map((id) => [id, { x: m.get(id)?.x ?? 0, y: m.get(id)?.y ?? 0 }]))
    const g = { kind: 'move' as const, start: { x: 0, y: 0 }, origins }
    writeDragStep(m, g, stepOutcome(g, { x: 0, y: 500 }, { sx: 0, sy: 0 }, 'select'))
  }
  move([arrow, a])
  assert.equal(m.get(arrow)?.startBinding?.id, a)
  assert.equal(m.get(arrow)?.endBinding, undefined, 'its shape did not come along')
  move([arrow])
  assert.equal(m.get(arrow)?.startBinding, undefined)
})
