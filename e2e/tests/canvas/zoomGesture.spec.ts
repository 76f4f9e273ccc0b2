// A Ctrl+wheel zoom only scales the drawing while it goes on and redraws it at the new zoom once
// it pauses (useDrawnZoom): either way a shape must be drawn, and hit, where the camera says.
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, CanvasPage, contextFor, nodeUrls, uniqueCanvasId } from './canvasPage.ts'

test('right after a zoom gesture and once redrawn, a press hits the shape where it is drawn', async ({
  browser,
  fleet,
}) => {
  const [nodeA] = nodeUrls(fleet)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(nodeA, uniqueCanvasId('zoomgesture'))
  await ada.draw('rect', { x: 300, y: 200 }, { x: 400, y: 260 })
  await expect(ada.shapes).toHaveCount(1)
  const id = await ada.shapes.first().getAttribute('data-shape-id')
  const selected = ada.page.locator('[data-selected-id]')
  const clear = async () => {
    await ada.drag({ x: 900, y: 600 }, { x: 901, y: 601 }, 1) // a press on empty board
    await expect(selected).toHaveCount(0)
  }
  await clear()

  // Three Ctrl+wheel notches in about the rectangle's centre (screen 350, 230): zoom e^0.9.
  const box = await ada.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  await ada.page.mouse.move(box.x + 350, box.y + 230)
  await ada.page.keyboard.down('Control')
  for (let i = 0; i < 3; i++) await ada.page.mouse.wheel(0, -200)
  await ada.page.keyboard.up('Control')
  const zoom = Math.exp(0.9)
  await expect(ada.page.locator('[data-testid="zoom"] button')).toHaveText(
    `${Math.round(zoom * 100)}%`,
  )
  // Screen (240, 205) is board (305, 220) now, inside the rectangle; at 100 % it was outside.
  const press = { x: 240, y: 205 }
  const rectOnScreen = async () => {
    const b = await ada.shapes.first().boundingBox()
    return b && [Math.round(b.x - box.x), Math.round(b.width)]
  }
  // Drawn where the camera puts it: left edge (300 − 350) × zoom + 350, width 100 × zoom (the
  // stroke adds a little).
  const left = Math.round((300 - 350) * zoom + 350)
  await expect
    .poll(async () => {
      const [x = 0, w = 0] = (await rectOnScreen()) ?? []
      return Math.abs(x - left) <= 4 && Math.abs(w - 100 * zoom) <= 8
    })
    .toBe(true)
  await ada.drag(press, press, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', id ?? '')

  // Once the zoom has rested the drawing is laid out at it: same place, same hit.
  await clear()
  await expect
    .poll(async () => {
      const layer = await ada.page.locator('.viewport > svg').getAttribute('style')
      return layer?.includes('scale(1)') ?? false
    })
    .toBe(true)
  await ada.drag(press, press, 1)
  await expect(selected).toHaveCount(1)
  await expect(selected.first()).toHaveAttribute('data-selected-id', id ?? '')
})
