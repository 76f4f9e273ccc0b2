import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { marqueeSelection, touches } from './marquee.ts'
import { INITIAL_STYLE } from './tools.ts'

const shape = (over: Partial<Shape>): Shape => ({
  id: 's',
  type: 'rect',
  x: 0,
  y: 0,
  w: 100,
  h: 100,
  rotation: 0,
  z: 'a',
  points: [],
  text: '',
  fontSize: 20,
  ...INITIAL_STYLE,
  ...over,
})

test('a shape partly or wholly inside the marquee is touched; one beside it is not', () => {
  const rect = shape({})
  assert.equal(touches(rect, { x: 90, y: 90, w: 50, h: 50 }), true, 'a corner inside')
  assert.equal(touches(rect, { x: -10, y: -10, w: 200, h: 200 }), true, 'wholly inside')
  assert.equal(touches(rect, { x: 110, y: 0, w: 50, h: 50 }), false, 'beside')
  // Across an edge with no corner inside either.
  assert.equal(touches(rect, { x: 40, y: -20, w: 20, h: 50 }), true)
})

test('inside an unfilled outline is empty canvas; inside a filled shape or a note is not', () => {
  const within = { x: 40, y: 40, w: 10, h: 10 }
  assert.equal(touches(shape({}), within), false)
  assert.equal(touches(shape({ fill: '#a5d8ff' }), within), true)
  assert.equal(touches(shape({ type: 'sticky' }), within), true)
})

test('a diagonal line is touched only where it runs, not across its whole box', () => {
  const line = shape({ type: 'line', points: [0, 0, 1, 1] })
  assert.equal(touches(line, { x: 70, y: 0, w: 30, h: 20 }), false, 'the empty corner of its box')
  assert.equal(touches(line, { x: 40, y: 45, w: 20, h: 10 }), true)
})

test('a turned shape is touched by its turned outline', () => {
  const turned = shape({ x: 0, y: 0, w: 200, h: 20, rotation: 90 })
  // Turned upright about (100, 10): it spans x 90..110, y -90..110.
  assert.equal(touches(turned, { x: 0, y: 0, w: 20, h: 20 }), false)
  assert.equal(touches(turned, { x: 95, y: -80, w: 5, h: 5 }), false, 'inside, but unfilled')
  assert.equal(touches(turned, { x: 85, y: -80, w: 10, h: 5 }), true)
})

test('the marquee adds what it touches to the selection kept with Shift, in paint order', () => {
  const shapes = [shape({ id: 'a' }), shape({ id: 'b', x: 200 }), shape({ id: 'c', x: 400 })]
  const box = { x: 50, y: 50, w: 200, h: 10 }
  assert.deepEqual(marqueeSelection(shapes, box, []), ['a', 'b'])
  assert.deepEqual(marqueeSelection(shapes, box, ['c', 'a']), ['c', 'a', 'b'])
})
