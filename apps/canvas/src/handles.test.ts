import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { cursorFor, endpointAt, moveEndpoint, resizeFrame, resizePatches } from './handles.ts'
import { INITIAL_STYLE } from './tools.ts'

const shape = (over: Partial<Shape>): Shape => ({
  id: 's',
  type: 'rect',
  x: 0,
  y: 0,
  w: 100,
  h: 50,
  rotation: 0,
  z: 'a',
  points: [],
  text: '',
  fontSize: 20,
  ...INITIAL_STYLE,
  ...over,
})
const box = { x: 0, y: 0, w: 100, h: 50 }

test('each handle moves its own corner or edge; the opposite one stays', () => {
  assert.deepEqual(resizeFrame(box, 0, 'nw', { x: -10, y: -20 }, false), {
    x: -10,
    y: -20,
    w: 110,
    h: 70,
  })
  assert.deepEqual(resizeFrame(box, 0, 'e', { x: 30, y: 99 }, false), { x: 0, y: 0, w: 130, h: 50 })
  assert.deepEqual(resizeFrame(box, 0, 'n', { x: 99, y: 10 }, false), {
    x: 0,
    y: 10,
    w: 100,
    h: 40,
  })
  assert.deepEqual(resizeFrame(box, 0, 'sw', { x: 20, y: 5 }, false), { x: 20, y: 0, w: 80, h: 55 })
  // Dragged past the opposite side, a box stops at one unit instead of flipping.
  assert.deepEqual(resizeFrame(box, 0, 'w', { x: 500, y: 0 }, false), { x: 99, y: 0, w: 1, h: 50 })
})

test('Shift keeps the aspect ratio; from an edge the other side grows about the middle', () => {
  assert.deepEqual(resizeFrame(box, 0, 'se', { x: 100, y: 0 }, true), {
    x: 0,
    y: 0,
    w: 200,
    h: 100,
  })
  assert.deepEqual(resizeFrame(box, 0, 'e', { x: 100, y: 0 }, true), {
    x: 0,
    y: -25,
    w: 200,
    h: 100,
  })
})

test('a turned shape resizes along its own sides and its opposite corner stays on the screen', () => {
  // Turned 90°: its local x axis points down the screen, so the 'e' handle follows a drag down.
  const turned = resizeFrame(box, 90, 'e', { x: 0, y: 40 }, false)
  assert.equal(turned.w, 140)
  assert.equal(turned.h, 50)
  // The west edge's middle (anchor) is where it was: centre (50,25) minus (50,0) turned by 90°.
  const anchor = (b: typeof box) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 - b.w / 2 })
  assert.deepEqual(anchor(turned), anchor(box))
})

test('several shapes scale together inside the box around them; text letters grow too', () => {
  const a = shape({ id: 'a', x: 0, y: 0, w: 50, h: 50 })
  const t = shape({ id: 't', type: 'text', x: 50, y: 50, w: 50, h: 50, fontSize: 20 })
  assert.deepEqual(resizePatches([a, t], 'se', { x: 100, y: 100 }, false), [
    ['a', { x: 0, y: 0, w: 100, h: 100 }],
    ['t', { x: 100, y: 100, w: 100, h: 100, fontSize: 40 }],
  ])
  assert.deepEqual(resizePatches([], 'se', { x: 1, y: 1 }, false), [])
})

test('a line end moves to the pointer; the other end stays; a turned line is straightened', () => {
  const line = shape({ type: 'line', x: 0, y: 0, w: 100, h: 0, points: [0, 0, 1, 0] })
  const moved = moveEndpoint(line, 'end', { x: 100, y: 50 })
  assert.deepEqual(moved, { x: 0, y: 0, w: 100, h: 50, points: [0, 0, 1, 1], rotation: 0 })
  const turned = shape({
    type: 'line',
    x: 0,
    y: 0,
    w: 100,
    h: 0,
    points: [0, 0, 1, 0],
    rotation: 90,
  })
  const start = endpointAt(turned, 'start')
  assert.ok(start && Math.abs(start.x - 50) < 1e-9 && Math.abs(start.y + 50) < 1e-9)
  const fixed = moveEndpoint(turned, 'end', { x: 50, y: 100 })
  assert.equal(fixed.rotation, 0)
  assert.deepEqual([fixed.x, fixed.w, fixed.h], [50, 0, 150])
})

test('handle cursors follow the turn of the box', () => {
  assert.equal(cursorFor('e', 0), 'ew-resize')
  assert.equal(cursorFor('se', 0), 'nwse-resize')
  assert.equal(cursorFor('e', 90), 'ns-resize')
  assert.equal(cursorFor('n', 45), 'nesw-resize')
})
