// Far out (below 35 % zoom) the board is painted on a <canvas> and shapes are found by geometry,
// not by the browser: pressing a shape there must still select and move it, for everyone.
import { expect, test } from '../../fixtures/fleet.ts'
import {
  ADA,
  BOB,
  CanvasPage,
  contextFor,
  converged,
  nodeUrls,
  uniqueCanvasId,
} from './canvasPage.ts'

test('far out, a shape pressed on the painted board is selected and moved for both users', async ({
  browser,
  fleet,
}) => {
  const [urlA, urlB] = nodeUrls(fleet)
  const id = uniqueCanvasId('far')
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(urlA, id)
  await bob.open(urlB, id)

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 160 })
  await ada.draw('ellipse', { x: 400, y: 300 }, { x: 500, y: 380 })
  await ada.tool('select')
  await ada.drag({ x: 900, y: 600 }, { x: 901, y: 601 }, 1) // a press on empty board: nothing selected
  const before = await converged(ada, bob)
  const rect = before.shapes.find((s) => s.type === 'rect')
  expect(rect).toMatchObject({ x: 100, y: 100, w: 100, h: 60 })

  // Two Ctrl+wheel notches out around the board's top-left corner (screen point 1,1).
  const box = await ada.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  await ada.page.mouse.move(box.x + 1, box.y + 1)
  await ada.page.keyboard.down('Control')
  await ada.page.mouse.wheel(0, 600)
  await ada.page.mouse.wheel(0, 600)
  await ada.page.keyboard.up('Control')
  await expect(ada.page.locator('[data-layer="raster"]')).toBeVisible()
  await expect(ada.shapes).toHaveCount(0) // no SVG shapes: they are painted

  // Where the rectangle's centre now is on screen: camera (1 − 1/zoom) with zoom = e^(−1.8).
  const zoom = Math.exp(-1.8)
  const cam = 1 - 1 / zoom
  const at = { x: (150 - cam) * zoom, y: (130 - cam) * zoom }
  await ada.drag(at, { x: at.x + 30, y: at.y + 20 }, 6)

  const after = await converged(ada, bob)
  const moved = after.shapes.find((s) => s.id === rect?.id)
  const ellipse = after.shapes.find((s) => s.type === 'ellipse')
  // 30 × 20 screen pixels at ~16.5 % zoom are ~180 × 120 board units.
  expect(moved?.x).toBeGreaterThan(250)
  expect(moved?.y).toBeGreaterThan(190)
  expect(ellipse).toMatchObject({ x: 400, y: 300 }) // the neighbour was not touched
})
