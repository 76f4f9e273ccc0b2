import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  absolutePoints,
  boxFrom,
  normalisePoints,
  resizeBox,
  rotationTo,
  toCanvas,
  zoomAt,
} from './geometry.ts'

test('a stroke round-trips through its normalised box', () => {
  const pts = [
    { x: 10, y: 20 },
    { x: 30, y: 60 },
    { x: 50, y: 40 },
  ]
  const n = normalisePoints(pts)
  assert.deepEqual({ x: n.x, y: n.y, w: n.w, h: n.h }, { x: 10, y: 20, w: 40, h: 40 })
  assert.deepEqual(absolutePoints(n), pts)
  // A horizontal line has zero height and still round-trips.
  const flat = normalisePoints([
    { x: 0, y: 5 },
    { x: 9, y: 5 },
  ])
  assert.deepEqual(absolutePoints(flat), [
    { x: 0, y: 5 },
    { x: 9, y: 5 },
  ])
})

test('boxes from drags in any direction', () => {
  assert.deepEqual(boxFrom({ x: 50, y: 10 }, { x: 20, y: 40 }), { x: 20, y: 10, w: 30, h: 30 })
})

test('zoom keeps the point under the cursor still', () => {
  const cam = { x: 100, y: 50, zoom: 1 }
  const before = toCanvas(cam, 200, 100)
  const after = toCanvas(zoomAt(cam, 200, 100, 2), 200, 100)
  assert.deepEqual(after, before)
})

test('rotation handle angle', () => {
  const box = { x: 0, y: 0, w: 10, h: 10 }
  assert.equal(rotationTo(box, { x: 5, y: -10 }), 0)
  assert.equal(rotationTo(box, { x: 20, y: 5 }), 90)
})

test('resize follows the handle by its movement and never inverts', () => {
  const box = { x: 10, y: 10, w: 100, h: 50 }
  assert.deepEqual(resizeBox(box, 30, -20), { x: 10, y: 10, w: 130, h: 30 })
  assert.deepEqual(resizeBox(box, -500, 0), { x: 10, y: 10, w: 1, h: 50 })
})
