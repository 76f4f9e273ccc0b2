import { expect, test } from '../../fixtures/fleet.ts'
import { adaAndBobOnABoard, type CanvasPage, converged } from './canvasPage.ts'
import { clickAt, dblclickAt } from './editHelpers.ts'

type Grouped = { id: string; group?: string; y: number }

test('Ctrl+G groups: a click takes the group, a double-click enters it; both users see it', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'groups')

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 200 })
  await ada.draw('rect', { x: 300, y: 100 }, { x: 400, y: 200 })
  await ada.draw('ellipse', { x: 600, y: 100 }, { x: 700, y: 200 })
  await expect(bob.shapes).toHaveCount(3)
  const [, , c] = (await converged(ada, bob)).shapes
  const shapesAt = async (page: CanvasPage) => (await page.doc()).shapes as unknown as Grouped[]
  const adaSelected = ada.page.locator('[data-testid="selection"]')
  const bobSelected = bob.page.locator('[data-testid="selection"]')

  await ada.drag({ x: 50, y: 50 }, { x: 450, y: 150 })
  await expect(adaSelected).toHaveCount(2)
  await ada.page.keyboard.press('Control+g')
  await expect
    .poll(async () => {
      const [ga, gb, gc] = (await shapesAt(bob)).map((s) => s.group)
      return Boolean(ga) && ga === gb && gc === undefined
    })
    .toBe(true)

  // The group is in the document: Bob's click on one member selects both.
  await clickAt(ada, { x: 800, y: 500 })
  await bob.tool('select')
  await clickAt(bob, { x: 150, y: 150 })
  await expect(bobSelected).toHaveCount(2)
  await clickAt(bob, { x: 800, y: 500 })
  // Ada drags one member: the whole group moves.
  await ada.drag({ x: 350, y: 150 }, { x: 350, y: 350 })
  await expect.poll(async () => (await shapesAt(bob)).map((s) => s.y)).toEqual([300, 300, 100])

  // A double-click enters the group: one member is picked and moved alone.
  await dblclickAt(ada, { x: 150, y: 350 })
  await expect(ada.canvas).toHaveAttribute('data-entered-group', /^g/)
  await expect(adaSelected).toHaveCount(1)
  await ada.drag({ x: 150, y: 350 }, { x: 150, y: 450 })
  await expect.poll(async () => (await shapesAt(bob)).map((s) => s.y)).toEqual([400, 300, 100])
  // Undo is per user and per step: Ada's Ctrl+Z takes back only that move.
  await ada.page.keyboard.press('Control+z')
  await expect.poll(async () => (await shapesAt(bob)).map((s) => s.y)).toEqual([300, 300, 100])

  // Escape leaves the group; Ctrl+Shift+G ungroups, Ctrl+Z groups again, Delete removes both.
  await ada.page.keyboard.press('Escape')
  await expect(ada.canvas).not.toHaveAttribute('data-entered-group', /.+/)
  await clickAt(ada, { x: 150, y: 350 })
  await expect(adaSelected).toHaveCount(2)
  await ada.page.keyboard.press('Control+Shift+g')
  await expect
    .poll(async () => (await shapesAt(bob)).map((s) => s.group ?? null))
    .toEqual([null, null, null])
  await ada.page.keyboard.press('Control+z')
  await expect.poll(async () => (await shapesAt(bob)).filter((s) => s.group).length).toBe(2)
  await ada.page.keyboard.press('Delete')
  await expect(bob.shapes).toHaveCount(1)
  expect((await converged(ada, bob)).shapes.map((s) => s.id)).toEqual([c?.id])
})
