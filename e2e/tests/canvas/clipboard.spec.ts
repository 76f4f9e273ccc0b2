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

test('Ctrl+C on one board, Ctrl+V on another: Bob sees the copies; bad payloads are refused', async ({
  browser,
  fleet,
}) => {
  const [nodeA, nodeB] = nodeUrls(fleet)
  const from = uniqueCanvasId('copy-from')
  const to = uniqueCanvasId('copy-to')
  const adaContext = await contextFor(browser, ADA)
  await adaContext.grantPermissions(['clipboard-read', 'clipboard-write'])
  const ada = new CanvasPage(await adaContext.newPage())
  const adaThere = new CanvasPage(await adaContext.newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, from)
  await adaThere.open(nodeA, to)
  await bob.open(nodeB, to)

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 180 })
  await ada.draw('ellipse', { x: 300, y: 100 }, { x: 360, y: 160 })
  const source = (await ada.doc()).shapes
  await ada.page.keyboard.press('Control+a')
  await ada.page.keyboard.press('Control+c')
  await expect(ada.page.getByTestId('announcements')).toContainText('Copied 2 shapes')

  // Pasted on the other board (another tab): new ids, 16 units right and down; Bob sees them.
  await adaThere.page.bringToFront()
  await adaThere.canvas.focus()
  await adaThere.page.keyboard.press('Control+v')
  await expect(bob.shapes).toHaveCount(2)
  const pasted = (await converged(adaThere, bob)).shapes
  expect(pasted.map((s) => [s.type, s.x, s.y, s.w, s.h])).toEqual(
    source.map((s) => [s.type, s.x + 16, s.y + 16, s.w, s.h]),
  )
  expect(pasted.some((s) => source.some((t) => t.id === s.id))).toBe(false)

  // A damaged payload and a huge one are refused with a message; the board is unchanged.
  const paste = async (text: string) => {
    await adaThere.page.evaluate((t) => navigator.clipboard.writeText(t), text)
    await adaThere.canvas.focus()
    await adaThere.page.keyboard.press('Control+v')
  }
  await paste('{"kind":"weft.canvas.shapes","version":1,"shapes":[{"type":"script"}]}')
  await expect(adaThere.page.getByTestId('canvas-notice')).toHaveText(
    'The pasted shapes are damaged',
  )
  await paste(`{"kind":"weft.canvas.shapes","version":1,"pad":"${'x'.repeat(4_100_000)}"}`)
  await expect(adaThere.page.getByTestId('canvas-notice')).toHaveText(
    'The pasted shapes are too large to paste',
  )
  await expect(adaThere.status).toHaveAttribute('data-state', 'connected')
  expect((await bob.doc()).shapes).toHaveLength(2)

  // Cut takes the shapes away on the first board; a paste there brings them back once more.
  await ada.page.bringToFront()
  await ada.canvas.focus()
  await ada.page.keyboard.press('Control+a')
  await ada.page.keyboard.press('Control+x')
  await expect(ada.shapes).toHaveCount(0)
  await ada.page.keyboard.press('Control+v')
  await expect(ada.shapes).toHaveCount(2)
})
