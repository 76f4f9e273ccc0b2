import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const column = async (grid: GridPage, n: number) => {
  const out: string[] = []
  for (let r = 1; r <= n; r++) out.push((await grid.cell(`A${r}`).textContent()) ?? '')
  return out
}

test('a shared sort reorders the sheet for everyone and undoes; a view sort stays private', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('sort')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.select('A1')
  await ada.paste('pear\tp\n10\tt\napple\ta\n9\tn')
  await expect(bob.cell('A4')).toHaveText('9')

  // Ada sorts the sheet by A: Bob sees the rows in the new order, whole rows moved, 1 to 4.
  await ada.select('A1')
  await ada.page.getByRole('button', { name: 'Sort A A→Z' }).click()
  await expect.poll(() => column(bob, 4)).toEqual(['9', '10', 'apple', 'pear'])
  await expect(bob.cell('B4')).toHaveText('p')
  await expect(bob.page.locator('[data-row-header]').first()).toHaveText('1')
  await expect(bob.page.getByTestId('view-note')).toHaveCount(0)

  // Ctrl+Z in Ada's sheet puts the rows back for both.
  await ada.page.getByRole('grid', { name: 'Sheet' }).focus()
  await ada.page.keyboard.press('Control+z')
  await expect.poll(() => column(bob, 4)).toEqual(['pear', '10', 'apple', '9'])

  // Bob's own view sort reorders only his screen, and says so; Ada's order is unchanged.
  await bob.page.getByRole('button', { name: 'Sort by column A' }).click()
  await expect(bob.page.getByTestId('view-note')).toContainText('Only you see this order')
  await expect(bob.page.locator('[data-row-header]').first()).toHaveText('4')
  await expect.poll(() => column(ada, 4)).toEqual(['pear', '10', 'apple', '9'])

  // Bob makes his view the sheet's order for everyone.
  await bob.page.getByRole('button', { name: 'Sort sheet for everyone' }).click()
  await expect.poll(() => column(ada, 4)).toEqual(['9', '10', 'apple', 'pear'])
  await expect(bob.page.getByTestId('view-note')).toHaveCount(0)
  await expect(bob.page.locator('[data-row-header]').first()).toHaveText('1')
})
