import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, nodeUrls, TileBoardPage, uniqueCanvasId } from './canvasPage.ts'

test('tile board: server-validated placements across two nodes', async ({ browser, fleet }) => {
  const id = uniqueCanvasId('tiles')
  const [nodeA, nodeB] = nodeUrls(fleet)
  const ada = new TileBoardPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new TileBoardPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)

  // The server set up the board: 32 × 32, 16 colours, nothing placed yet.
  await expect(ada.page.locator('[data-layer="tiles"] [data-tile]')).toHaveCount(32 * 32)
  await expect(ada.page.locator('[data-testid="palette"] [data-colour-index]')).toHaveCount(16)
  const board = (await bob.doc()).board
  expect(board).toMatchObject({ rows: 32, cols: 32 })
  const red = board?.palette[5]

  // Ada picks a colour and clicks a tile: it is pending until the server answers, then shows
  // for both of them.
  await ada.pick(5)
  await ada.tile(3, 7).click()
  await expect(ada.message).toHaveAttribute('data-kind', 'ok')
  await expect(ada.tile(3, 7)).toHaveAttribute('fill', red as string)
  await expect(bob.tile(3, 7)).toHaveAttribute('fill', red as string)
  await expect(bob.tile(3, 7)).toHaveAttribute('data-colour', '5')
  await expect(ada.pending).toHaveCount(0)

  // Presence works on the read-only connection: Bob sees where Ada points.
  await ada.tile(10, 10).hover()
  await expect(
    bob.page.locator('[data-testid="remote-tile-cursor"][data-user="Ada"]'),
  ).toBeVisible()

  // An invalid placement (outside the board) is refused: Ada sees the server's reason.
  const refused = await ada.placeRaw(99, 0, 2)
  expect(refused).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/outside the 32×32 board/),
  })
  await expect(ada.message).toHaveAttribute('data-kind', 'error')
  await expect(ada.message).toContainText('outside the 32×32 board')
  // A bad colour on a real tile too, and nothing of it reaches Bob.
  const badColour = await ada.placeRaw(4, 4, 16)
  expect(badColour.ok).toBe(false)
  await expect(ada.message).toContainText('not a palette index')

  // Bob places a marker after Ada's refused attempts: once Ada sees it, she has everything Bob's
  // node had, and the refused placements left no trace anywhere.
  await bob.pick(10)
  await bob.tile(0, 0).click()
  await expect(bob.message).toHaveAttribute('data-kind', 'ok')
  await expect(ada.tile(0, 0)).toHaveAttribute('data-colour', '10')
  await expect(bob.tile(4, 4)).toHaveAttribute('data-colour', '')
  expect((await bob.doc()).tiles).toEqual({ '0:0': 10, '3:7': 5 })
  expect((await ada.doc()).tiles).toEqual({ '0:0': 10, '3:7': 5 })

  // Reload keeps the tiles, on either node.
  await ada.page.reload()
  await ada.open(nodeB, id)
  await expect(ada.tile(3, 7)).toHaveAttribute('data-colour', '5')
  await expect(ada.tile(0, 0)).toHaveAttribute('data-colour', '10')
  expect((await ada.doc()).tiles).toEqual({ '0:0': 10, '3:7': 5 })

  // The top bar links the tile board and the drawing board of the same id.
  await ada.page.locator('[data-testid="mode-switch"] [data-mode="free"]').click()
  await expect(ada.page).toHaveURL(new RegExp(`/canvas/${id}$`))
  await expect(ada.page.getByTestId('canvas')).toBeVisible()
  await ada.page.locator('[data-testid="mode-switch"] [data-mode="tiles"]').click()
  await expect(ada.page).toHaveURL(new RegExp(`/canvas/${id}/tiles$`))
  await expect(ada.tile(3, 7)).toHaveAttribute('data-colour', '5')
})
