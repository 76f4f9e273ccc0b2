import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { shapeAt } from './hitTest.ts'
import { testShape } from './testShape.ts'

const shape = testShape

const idAt = (shapes: Shape[], x: number, y: number, slop = 0) =>
  shapeAt(shapes, { x, y }, slop)?.id ?? null

test('a box shape is hit anywhere inside its box, filled or not; the topmost wins', () => {
  const below = shape('below')
  const above = shape('above', { x: 50, y: 25 })
  assert.equal(idAt([below, above], 10, 10), 'below')
  assert.equal(idAt([below, above], 60, 30), 'above')
  assert.equal(idAt([above, below], 60, 30), 'below')
  assert.equal(idAt([below, above], 200, 200), null)
  assert.equal(idAt([below], 103, 10), null)
  assert.equal(idAt([below], 103, 10, 4), 'below')
})

test('an ellipse is not hit in the corners of its box', () => {
  const e = shape('e', { type: 'ellipse' })
  assert.equal(idAt([e], 50, 25), 'e')
  assert.equal(idAt([e], 3, 3), null)
})

test('a stroke is hit within its width plus 5 units, not elsewhere in its box', () => {
  const line = shape('l', { type: 'line', w: 100, h: 100, points: [0, 0, 1, 1] })
  assert.equal(idAt([line], 50, 50), 'l')
  assert.equal(idAt([line], 50, 55), 'l') // 3.5 units from the line
  assert.equal(idAt([line], 50, 60), null) // 7 units away
  assert.equal(idAt([line], 90, 10), null)
})

test('rotation is undone about the box centre', () => {
  // A 100 × 10 bar turned upright about (50, 5) covers x 45..55, y -45..55.
  const bar = shape('bar', { h: 10, rotation: 90 })
  assert.equal(idAt([bar], 50, -40), 'bar')
  assert.equal(idAt([bar], 90, 5), null)
})
