import { expect, test } from '../../fixtures/fleet.ts'
import { focusRing, tabTo } from '../../fixtures/keyboard.ts'
import {
  ADA,
  BOB,
  CanvasPage,
  contextFor,
  nodeUrls,
  TileBoardPage,
  uniqueCanvasId,
} from './canvasPage.ts'

test('draw, walk, move, resize and delete shapes with the keyboard alone', async ({
  browser,
  fleet,
}) => {
  const id = uniqueCanvasId('keys')
  const [nodeA, nodeB] = nodeUrls(fleet)
  const ada = new CanvasPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new CanvasPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)
  const { page } = ada
  const canvas = page.getByRole('application', { name: 'Drawing canvas' })

  // A tool letter on a toolbar button is just a key: no tool changes, nothing is drawn.
  await tabTo(page, page.getByRole('button', { name: 'Select' }))
  await page.keyboard.press('r')
  await expect(page.locator('[data-tool="rect"]')).toHaveAttribute('aria-pressed', 'false')

  await tabTo(page, canvas)
  expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 })
  await page.keyboard.press('r')
  await expect(page.locator('[data-tool="rect"]')).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('Enter')
  await page.keyboard.press('o')
  await page.keyboard.press('Enter')
  await expect(bob.shapes).toHaveCount(2)
  const live = page.getByTestId('announcements')
  await expect(live).toContainText('Added Ellipse, 120 by 80')
  // Bob, on the other node, hears what Ada drew; Ada is not told of her own shapes twice.
  const bobHears = bob.page.getByTestId('announcements')
  // (Changes that land together are summed up: "Ada added 2 shapes".)
  await expect(bobHears).toContainText(/Ada added (Rectangle, 120 by 80|2 shapes)/)
  await expect(live).not.toContainText('Ada added')

  // N walks the shapes; arrows move the selected one, Ctrl+arrows resize it.
  await page.keyboard.press('n')
  await expect(live).toContainText(/Rectangle, 120 by 80 at/)
  const rect = (await ada.doc()).shapes.find((s) => s.type === 'rect')
  if (!rect) throw new Error('no rectangle')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Control+ArrowRight')
  await page.keyboard.press('Control+ArrowDown')
  const moved = { x: rect.x + 20, y: rect.y + 1, w: rect.w + 10, h: rect.h + 10 }
  // The list shows whole units (the middle of the view can fall on a half).
  const at = `${Math.round(moved.x)}, ${Math.round(moved.y)}`
  await expect
    .poll(async () => (await bob.doc()).shapes.find((s) => s.id === rect.id))
    .toMatchObject(moved)

  // The shape list says the same in words, the selected shape pressed.
  await tabTo(page, page.getByRole('button', { name: 'Shape list' }), 'Shift+Tab', 60)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Shape list' })).toHaveAttribute(
    'aria-expanded',
    'true',
  )
  const list = page.getByRole('complementary', { name: 'Shapes' })
  await expect(list.getByRole('button', { pressed: true })).toHaveText(
    `Rectangle, 130 by 90 at ${at}`,
  )

  // Back on the canvas, Delete removes it for everyone.
  await tabTo(page, canvas, 'Shift+Tab', 60)
  await page.keyboard.press('Delete')
  await expect(bob.shapes).toHaveCount(1)
  await expect(bob.page.locator('[data-layer="shapes"] [data-shape-type="ellipse"]')).toHaveCount(1)
  await expect(bobHears).toContainText('Ada deleted a shape')
})

test('place a tile with the keyboard alone', async ({ browser, fleet }) => {
  const id = uniqueCanvasId('tile-keys')
  const [nodeA, nodeB] = nodeUrls(fleet)
  const ada = new TileBoardPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new TileBoardPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(nodeA, id)
  await bob.open(nodeB, id)
  const { page } = ada

  await tabTo(page, page.getByRole('button', { name: /^Colour 5 / }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: /^Colour 5 / })).toHaveAttribute(
    'aria-pressed',
    'true',
  )
  await tabTo(page, ada.board)
  expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 })
  // The first arrow lights the top-left tile; the next ones move from there.
  await page.keyboard.press('ArrowDown')
  await expect(page.getByTestId('announcements')).toContainText('Row 1, column 1: empty')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(page.getByTestId('announcements')).toContainText('Row 2, column 3: empty')
  await page.keyboard.press('Enter')
  await expect(ada.message).toHaveText('Placed at row 2, column 3')
  await expect(page.getByTestId('announcements')).toContainText('Placed at row 2, column 3')
  await expect(bob.tile(1, 2)).toHaveAttribute('data-colour', '5')
})
