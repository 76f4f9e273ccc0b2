import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('my sort is mine alone, while a column resize is shared', async ({ browser, fleet }) => {
  const id = uniqueGridId('views')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.type('A1', '30')
  await ada.type('A2', '10')
  await ada.type('A3', '20')
  await expect(bob.cell('A3')).toHaveText('20')

  // Ada sorts her view by A: her screen shows 10, 20, 30 from the top, still addressed by sheet row.
  await ada.page.getByRole('button', { name: 'Sort by column A' }).click()
  const adaRows = ada.page.locator('.grid-row')
  await expect(adaRows.nth(0).locator('.cell').first()).toHaveText('10')
  await expect(adaRows.nth(1).locator('.cell').first()).toHaveText('20')
  await expect(adaRows.nth(0).locator('.row-header')).toHaveText('2')
  // Bob's sheet is untouched.
  const bobRows = bob.page.locator('.grid-row')
  await expect(bobRows.nth(0).locator('.cell').first()).toHaveText('30')

  // Ada widens column B; Bob sees the new width.
  const before = (await bob.cell('B1').boundingBox())?.width ?? 0
  const handle = ada.page.getByTestId('resize-B')
  const box = await handle.boundingBox()
  if (!box) throw new Error('no resize handle')
  await ada.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
  await ada.page.mouse.down()
  await ada.page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 5 })
  await ada.page.mouse.up()
  await expect
    .poll(async () => Math.round((await bob.cell('B1').boundingBox())?.width ?? 0))
    .toBeGreaterThan(before + 60)
})
