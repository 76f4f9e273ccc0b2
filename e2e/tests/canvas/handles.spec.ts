import { expect, test } from '../../fixtures/fleet.ts'
import { adaAndBobOnABoard, converged } from './canvasPage.ts'

type Points = { points: number[] }

test('eight handles resize, Shift keeps the ratio, line ends move; the other user sees it', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'handles')

  await ada.draw('rect', { x: 100, y: 100 }, { x: 300, y: 200 })
  const handles = ada.page.locator('[data-testid="selection-handles"] [data-handle]')
  await expect(handles).toHaveCount(9) // eight around the box and the rotation handle
  const cursor = (name: string) =>
    ada.page.locator(`[data-handle="${name}"]`).evaluate((el) => getComputedStyle(el).cursor)
  expect([await cursor('nw'), await cursor('n'), await cursor('ne'), await cursor('e')]).toEqual([
    'nwse-resize',
    'ns-resize',
    'nesw-resize',
    'ew-resize',
  ])

  // The top-left handle (4 units outside the corner) grows the box up and left.
  await ada.drag({ x: 96, y: 96 }, { x: 46, y: 76 })
  await expect
    .poll(async () => (await bob.doc()).shapes[0], { timeout: 15_000 })
    .toMatchObject({ x: 50, y: 80, w: 250, h: 120 })

  // Shift on the right edge's handle keeps the ratio, growing the height about the middle.
  await ada.page.keyboard.down('Shift')
  await ada.drag({ x: 304, y: 140 }, { x: 404, y: 140 })
  await ada.page.keyboard.up('Shift')
  await expect
    .poll(async () => (await bob.doc()).shapes[0], { timeout: 15_000 })
    .toMatchObject({ x: 50, y: 56, w: 350, h: 168 })

  // An arrow shows its two ends; dragging one moves only that end.
  await ada.draw('arrow', { x: 500, y: 400 }, { x: 650, y: 400 })
  await expect(handles).toHaveCount(2)
  await ada.drag({ x: 650, y: 400 }, { x: 650, y: 500 })
  await expect
    .poll(
      async () => {
        const arrow = (await bob.doc()).shapes.find((s) => s.type === 'arrow') as
          | (Points & { x: number; y: number; w: number; h: number })
          | undefined
        return arrow && { x: arrow.x, y: arrow.y, w: arrow.w, h: arrow.h, points: arrow.points }
      },
      { timeout: 15_000 },
    )
    .toEqual({ x: 500, y: 400, w: 150, h: 100, points: [0, 0, 1, 1] })

  // The keyboard's handles: Ctrl+Alt+arrows move the top-left one of the selected rectangle.
  await ada.tool('select')
  await ada.page.locator(`[data-layer="shapes"] [data-shape-type="rect"]`).click()
  await ada.page.keyboard.press('Control+Alt+ArrowLeft')
  await expect
    .poll(async () => (await bob.doc()).shapes.find((s) => s.type === 'rect'), { timeout: 15_000 })
    .toMatchObject({ x: 40, y: 56, w: 360, h: 168 })
  const end = await converged(ada, bob)
  expect(end.shapes).toHaveLength(2)
  expect(await ada.renderedSvg()).toBe(await bob.renderedSvg())
})
