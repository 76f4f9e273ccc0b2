import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type Camera, toCanvas } from './geometry.ts'
import { placedOnScreen, placeLayer, placementCss } from './layerPlacement.ts'

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`)

test('a layer drawn at an old zoom and scaled shows every point where the camera puts it', () => {
  // Drawn at 100 % over the render area from (-300, -200); the camera then zoomed out to 37 %
  // about some point and panned: no redraw, only the transform changed.
  const origin = { x: -300, y: -200 }
  const cam: Camera = { x: 120.5, y: -40, zoom: 0.37 }
  const at = placeLayer(origin, 1, cam)
  for (const p of [origin, { x: 0, y: 0 }, { x: 2500, y: 1800 }, { x: -120, y: 77.25 }]) {
    const { sx, sy } = placedOnScreen(p, origin, 1, at)
    // The inverse of the pointer's mapping (toCanvas): hit-testing finds what is drawn there.
    const back = toCanvas(cam, sx, sy)
    near(back.x, p.x)
    near(back.y, p.y)
  }
})

test('zooming in past the drawn zoom scales up; drawn at the shown zoom, the scale is one', () => {
  const origin = { x: 10, y: 20 }
  assert.equal(placeLayer(origin, 0.5, { x: 0, y: 0, zoom: 2 }).scale, 4)
  const same = placeLayer(origin, 0.8, { x: 10, y: 20, zoom: 0.8 })
  assert.deepEqual(same, { tx: 0, ty: 0, scale: 1 })
  assert.equal(placementCss({ tx: 1.5, ty: -2, scale: 3 }), 'translate(1.5px, -2px) scale(3)')
})
