import assert from 'node:assert/strict'
import { test } from 'node:test'
import { wheelCamera } from './wheel.ts'

const cam = { x: 0, y: 0, zoom: 2 }
const wheel = {
  deltaX: 0,
  deltaY: 100,
  deltaMode: 0,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
}

test('the wheel pans, at the zoom (100 px at 2× is 50 units)', () => {
  assert.deepEqual(wheelCamera(cam, wheel, 10, 10), { x: 0, y: 50, zoom: 2 })
  assert.deepEqual(wheelCamera(cam, { ...wheel, deltaX: -40, deltaY: 0 }, 0, 0), {
    x: -20,
    y: 0,
    zoom: 2,
  })
})

test('Shift+wheel pans sideways; lines count as 16 px', () => {
  assert.deepEqual(wheelCamera(cam, { ...wheel, shiftKey: true }, 0, 0), { x: 50, y: 0, zoom: 2 })
  assert.deepEqual(wheelCamera(cam, { ...wheel, deltaY: 3, deltaMode: 1 }, 0, 0), {
    x: 0,
    y: 24,
    zoom: 2,
  })
})

test('Ctrl or ⌘ + wheel (and a trackpad pinch) zooms about the pointer', () => {
  const out = wheelCamera(cam, { ...wheel, ctrlKey: true }, 100, 50)
  assert.ok(out.zoom < cam.zoom)
  // The canvas point under the pointer stays under it.
  assert.ok(Math.abs(cam.x + 100 / cam.zoom - (out.x + 100 / out.zoom)) < 1e-9)
  assert.ok(wheelCamera(cam, { ...wheel, metaKey: true, deltaY: -100 }, 0, 0).zoom > cam.zoom)
})
