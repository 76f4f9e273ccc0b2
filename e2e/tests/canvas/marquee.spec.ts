import { expect, test } from '../../fixtures/fleet.ts'
import { adaAndBobOnABoard, converged } from './canvasPage.ts'

test('a marquee selects what it touches; the selection moves, resizes and deletes together', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'marquee')

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 200 })
  await ada.draw('ellipse', { x: 300, y: 100 }, { x: 400, y: 200 })
  await ada.draw('rect', { x: 600, y: 100 }, { x: 700, y: 200 })
  await expect(bob.shapes).toHaveCount(3)
  const [a, b, c] = (await converged(ada, bob)).shapes
  const selected = ada.page.locator('[data-testid="selection"]')
  const bobSees = (shapeId: string | undefined) =>
    bob.page.locator(
      `[data-testid="remote-selection"][data-user="Ada"][data-selected-id="${shapeId}"]`,
    )

  // From empty canvas across the first rectangle's corner and the ellipse's edge.
  await ada.drag({ x: 50, y: 50 }, { x: 350, y: 150 })
  await expect(selected).toHaveCount(2)
  await expect(bobSees(a?.id)).toBeVisible()
  await expect(bobSees(b?.id)).toBeVisible()
  await expect(bobSees(c?.id)).toHaveCount(0)
  // Shift adds what a second marquee touches.
  await ada.page.keyboard.down('Shift')
  await ada.drag({ x: 650, y: 300 }, { x: 690, y: 150 })
  await ada.page.keyboard.up('Shift')
  await expect(selected).toHaveCount(3)
  await expect(bobSees(c?.id)).toBeVisible()
  // Without Shift a marquee starts afresh.
  await ada.drag({ x: 50, y: 50 }, { x: 350, y: 150 })
  await expect(selected).toHaveCount(2)

  // Dragging one selected shape moves both.
  await ada.drag({ x: 150, y: 150 }, { x: 150, y: 350 })
  await expect
    .poll(async () => (await bob.doc()).shapes.map((s) => [s.x, s.y]), { timeout: 15_000 })
    .toEqual([
      [100, 300],
      [300, 300],
      [600, 100],
    ])
  // The right handle of the box around both doubles its width: both scale inside it.
  await expect(ada.page.locator('[data-testid="selection-frame"]')).toBeVisible()
  await ada.drag({ x: 404, y: 350 }, { x: 704, y: 350 })
  await expect
    .poll(async () => (await bob.doc()).shapes.map((s) => [s.x, s.w]), { timeout: 15_000 })
    .toEqual([
      [100, 200],
      [500, 200],
      [600, 100],
    ])

  await ada.page.keyboard.press('Delete')
  await expect(bob.shapes).toHaveCount(1)
  expect((await converged(ada, bob)).shapes.map((s) => s.id)).toEqual([c?.id])
})
