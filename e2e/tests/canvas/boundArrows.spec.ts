import type { Page } from '@playwright/test'
import { expect, test } from '../../fixtures/fleet.ts'
import { adaAndBobOnABoard, converged } from './canvasPage.ts'
import { clickAt } from './editHelpers.ts'

type Bound = {
  id: string
  type: string
  startBinding?: { id: string }
  endBinding?: { id: string }
}

/** The arrow's two ends as drawn on this screen (its path), rounded to whole units. */
async function ends(page: Page): Promise<number[]> {
  const d = await page
    .locator('[data-layer="shapes"] [data-shape-type="arrow"] path:not(.hit)')
    .first()
    .getAttribute('d')
  const numbers = (d ?? '').match(/-?\d+(\.\d+)?/g)?.map((n) => Math.round(Number(n))) ?? []
  return [...numbers.slice(0, 2), ...numbers.slice(-2)]
}

test('an arrow bound to two shapes follows them when the other user moves or resizes them', async ({
  browser,
  fleet,
}) => {
  const { ada, bob } = await adaAndBobOnABoard(browser, fleet, 'bound')

  await ada.draw('rect', { x: 100, y: 100 }, { x: 200, y: 200 })
  await ada.draw('rect', { x: 400, y: 100 }, { x: 500, y: 200 })
  // Drawn from inside one rectangle to inside the other: both ends bind.
  await ada.draw('arrow', { x: 150, y: 150 }, { x: 450, y: 150 })
  await expect(bob.shapes).toHaveCount(3)
  const [a, b, arrow] = (await converged(ada, bob)).shapes as unknown as Bound[]
  expect(arrow).toMatchObject({ startBinding: { id: a?.id }, endBinding: { id: b?.id } })

  // Bob moves the second rectangle down (grabbing it away from the arrow): Ada's arrow follows.
  await bob.tool('select')
  await bob.drag({ x: 480, y: 120 }, { x: 480, y: 320 })
  await expect.poll(() => ends(ada.page), { timeout: 15_000 }).toEqual([150, 150, 450, 350])
  // Bob resizes the first one from its bottom-right handle: the start stays at its middle.
  await clickAt(bob, { x: 120, y: 120 })
  await bob.drag({ x: 204, y: 204 }, { x: 304, y: 304 })
  await expect.poll(() => ends(ada.page), { timeout: 15_000 }).toEqual([200, 200, 450, 350])
  expect(await ends(bob.page)).toEqual([200, 200, 450, 350])

  // Ada drags the arrow's end off the rectangle onto empty canvas: it lets go.
  await ada.tool('select')
  await clickAt(ada, { x: 375, y: 305 }) // on the arrow, past the first rectangle
  await expect(ada.page.locator('[data-handle="end"]')).toHaveCount(1)
  await ada.drag({ x: 450, y: 350 }, { x: 700, y: 500 })
  await expect
    .poll(async () => ((await bob.doc()).shapes as unknown as Bound[])[2]?.endBinding ?? null)
    .toBeNull()
  await bob.drag({ x: 480, y: 320 }, { x: 480, y: 120 })
  await expect.poll(() => ends(ada.page), { timeout: 15_000 }).toEqual([200, 200, 700, 500])

  // Bob deletes the first rectangle: the arrow stays where it was drawn, unbound.
  await clickAt(bob, { x: 120, y: 120 })
  await bob.page.keyboard.press('Delete')
  await expect(ada.shapes).toHaveCount(2)
  const end = (await converged(ada, bob)).shapes as unknown as Bound[]
  expect(end.find((s) => s.type === 'arrow')?.startBinding).toBeUndefined()
  expect(await ends(ada.page)).toEqual([200, 200, 700, 500])
})
