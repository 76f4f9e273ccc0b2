import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { coverFor, drawnBounds, viewport, visibleShapes } from './cull.ts'
import { testShape } from './testShape.ts'

const shape = testShape

const ids = (shapes: Shape[]) => shapes.map((s) => s.id)

test('the viewport is the screen divided by the zoom, from the camera corner', () => {
  assert.deepEqual(viewport({ x: 10, y: 20, zoom: 2 }, 800, 600), { x: 10, y: 20, w: 400, h: 300 })
})

test('only shapes reaching into the area are kept, in paint order, plus the kept ids', () => {
  const shapes = [
    shape('a', { x: 0, y: 0 }),
    shape('b', { x: 5000, y: 0 }),
    shape('c', { x: 390, y: 290 }),
    shape('d', { x: -3000, y: -3000 }),
  ]
  const area = { x: 0, y: 0, w: 400, h: 300 }
  assert.deepEqual(ids(visibleShapes(shapes, area)), ['a', 'c'])
  assert.deepEqual(ids(visibleShapes(shapes, area, new Set(['d']))), ['a', 'c', 'd'])
})

test('stroke, arrowheads, rotation and overflowing text count as drawn', () => {
  const area = { x: 0, y: 0, w: 400, h: 300 }
  // Box ends 1 unit left of the area; a 4-unit stroke still paints into it.
  const stroked = shape('stroke', { x: -101, w: 100, strokeWidth: 4 })
  // A wide flat box above the area, turned 90° about its centre so it reaches down into it.
  const spun = shape('spun', { x: 0, y: -160, w: 400, h: 20, rotation: 90 })
  // A sticky left of the area whose unwrapped text runs into it.
  const sticky = shape('sticky', {
    type: 'sticky',
    x: -200,
    y: 10,
    w: 160,
    h: 120,
    text: 'a long line that does not wrap at all',
    fontSize: 16,
  })
  const far = shape('far', { x: -1000, y: -1000, w: 10, h: 10, rotation: 45 })
  assert.deepEqual(ids(visibleShapes([stroked, spun, sticky, far], area)), [
    'stroke',
    'spun',
    'sticky',
  ])
  assert.deepEqual(ids(visibleShapes([{ ...spun, rotation: 0 }], area)), [])
  // Cached per shape object: the same object gives the same box object.
  assert.equal(drawnBounds(spun), drawnBounds(spun))
})

test('the render area is kept while panning inside it and renewed outside or after zooming in', () => {
  const first = coverFor(null, { x: 0, y: 0, w: 1000, h: 500 })
  assert.deepEqual(first, { x: -300, y: -150, w: 1600, h: 800 })
  // A small pan stays inside: the same object, so nothing re-culls.
  assert.equal(coverFor(first, { x: 100, y: 50, w: 1000, h: 500 }), first)
  // Past its edge: a new area around the new viewport.
  const moved = coverFor(first, { x: 400, y: 0, w: 1000, h: 500 })
  assert.notEqual(moved, first)
  assert.equal(moved.x, 100)
  // Zoomed out: the viewport no longer fits.
  assert.notEqual(coverFor(first, { x: -400, y: -200, w: 2000, h: 1000 }), first)
  // Zoomed in 4×: it still fits but is far larger than needed.
  assert.notEqual(coverFor(first, { x: 400, y: 200, w: 250, h: 125 }), first)
})
