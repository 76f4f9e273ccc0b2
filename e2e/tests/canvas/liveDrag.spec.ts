import type { Browser, Page } from '@playwright/test'
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

/** Where a user's screen draws the rectangle (its SVG `rect`), as numbers. */
async function drawnAt(user: CanvasPage, id: string): Promise<{ x: number; y: number }> {
  const rect = user.shape(id).locator('rect').first()
  return {
    x: Number(await rect.getAttribute('x')),
    y: Number(await rect.getAttribute('y')),
  }
}

/** Presses on the canvas point `from` and moves (without releasing) to `to`. */
async function holdAndMove(page: Page, user: CanvasPage, from: Pt, to: Pt): Promise<void> {
  const box = await user.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  await page.mouse.move(box.x + from.x, box.y + from.y)
  await page.mouse.down()
  await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 6 })
}
type Pt = { x: number; y: number }

async function twoUsersWithARectangle(
  browser: Browser,
  fleet: { nodes: readonly { url: string }[] },
  prefix: string,
) {
  const id = uniqueCanvasId(prefix)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  const [urlA, urlB] = nodeUrls(fleet)
  await ada.open(urlA, id)
  await bob.open(urlB, id)
  await ada.draw('rect', { x: 100, y: 100 }, { x: 220, y: 180 })
  const start = await converged(ada, bob)
  const rect = start.shapes[0]
  if (!rect) throw new Error('the rectangle was not drawn')
  await ada.tool('select')
  return { ada, bob, rectId: rect.id }
}

test('a drag on one node is seen moving on the other before release, and written once on release', async ({
  browser,
  fleet,
}) => {
  const { ada, bob, rectId } = await twoUsersWithARectangle(browser, fleet, 'livedrag')
  await holdAndMove(ada.page, ada, { x: 150, y: 140 }, { x: 200, y: 170 })
  // Bob, on the other node, sees the rectangle where Ada holds it, while she still holds it...
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 15_000 }).toEqual({ x: 150, y: 130 })
  // ...and the document has not changed on either side: a drag step is not a write.
  expect((await bob.doc()).shapes[0]).toMatchObject({ x: 100, y: 100 })
  expect((await ada.doc()).shapes[0]).toMatchObject({ x: 100, y: 100 })
  const box = await ada.canvas.boundingBox()
  if (!box) throw new Error('canvas not laid out')
  await ada.page.mouse.move(box.x + 250, box.y + 190, { steps: 4 })
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 15_000 }).toEqual({ x: 200, y: 150 })
  await ada.page.mouse.up()
  const end = await converged(ada, bob)
  expect(end.shapes[0]).toMatchObject({ id: rectId, x: 200, y: 150, w: 120, h: 80 })
  await expect.poll(() => drawnAt(bob, rectId)).toEqual({ x: 200, y: 150 })
  // One undo step takes the whole drag back, and both screens show it as soon as the document
  // holds it: Ada's released drag, still in her awareness for a while, no longer hides the
  // document once it holds the write that drag previewed.
  await ada.canvas.press('Control+z')
  await expect.poll(async () => (await bob.doc()).shapes[0]?.x).toBe(100)
  await bob.nextFrame()
  expect(await drawnAt(bob, rectId)).toEqual({ x: 100, y: 100 })
  await ada.nextFrame()
  expect(await drawnAt(ada, rectId)).toEqual({ x: 100, y: 100 })
})

test('Escape mid-drag, or the dragging tab closing, leaves the shape where it is for others', async ({
  browser,
  fleet,
}) => {
  const { ada, bob, rectId } = await twoUsersWithARectangle(browser, fleet, 'dragcancel')
  await holdAndMove(ada.page, ada, { x: 150, y: 140 }, { x: 250, y: 190 })
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 15_000 }).toEqual({ x: 200, y: 150 })
  await ada.page.keyboard.press('Escape')
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 15_000 }).toEqual({ x: 100, y: 100 })
  await expect.poll(() => drawnAt(ada, rectId)).toEqual({ x: 100, y: 100 })
  await ada.page.mouse.up()
  expect((await ada.doc()).shapes[0]).toMatchObject({ x: 100, y: 100 })

  // A drag whose tab goes away (a dropped connection): the node drops its awareness state.
  await holdAndMove(ada.page, ada, { x: 150, y: 140 }, { x: 350, y: 240 })
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 15_000 }).toEqual({ x: 300, y: 200 })
  await ada.page.context().close()
  await expect.poll(() => drawnAt(bob, rectId), { timeout: 30_000 }).toEqual({ x: 100, y: 100 })
  expect((await bob.doc()).shapes[0]).toMatchObject({ x: 100, y: 100 })
})
