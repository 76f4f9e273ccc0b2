// The board moves as in tldraw: the wheel (a two-finger swipe) pans, Ctrl/⌘+wheel (a pinch)
// zooms about the pointer; Ctrl+A selects every shape, and what is done to them reaches the
// other user on the other node.
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, CanvasPage, contextFor, nodeUrls, uniqueCanvasId } from './canvasPage.ts'

test('wheel pans, Ctrl+wheel zooms, Ctrl+A selects all', async ({ browser, fleet }) => {
  const id = uniqueCanvasId('panzoom')
  const [nodeA, nodeB] = nodeUrls(fleet)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)
  await ada.draw('rect', { x: 200, y: 200 }, { x: 300, y: 260 })
  await ada.draw('ellipse', { x: 500, y: 300 }, { x: 600, y: 380 })
  await expect(bob.shapes).toHaveCount(2)
  const zoomLabel = ada.page.locator('[data-testid="zoom"] button')
  await expect(zoomLabel).toHaveText('100%')
  const first = ada.shapes.first()
  const before = await first.boundingBox()

  // The wheel pans: the shapes move up by what was scrolled, the zoom stays.
  const box = await ada.canvas.boundingBox()
  if (!box || !before) throw new Error('canvas not laid out')
  await ada.page.mouse.move(box.x + 400, box.y + 300)
  await ada.page.mouse.wheel(0, 120)
  await expect
    .poll(async () => Math.round((await first.boundingBox())?.y ?? 0))
    .toBe(Math.round(before.y - 120))
  await expect(zoomLabel).toHaveText('100%')

  // Ctrl+wheel zooms out.
  await ada.page.keyboard.down('Control')
  await ada.page.mouse.wheel(0, 200)
  await ada.page.keyboard.up('Control')
  await expect(zoomLabel).not.toHaveText('100%')
  const zoomed = Number((await zoomLabel.textContent())?.replace('%', ''))
  expect(zoomed).toBeLessThan(100)

  // Ctrl+A on the board selects both shapes; Delete removes both, for Bob too.
  await ada.canvas.focus()
  await ada.page.keyboard.press('Control+a')
  await expect(ada.page.locator('[data-selected-id]')).toHaveCount(2)
  await ada.page.keyboard.press('Delete')
  await expect(bob.shapes).toHaveCount(0)
})
