import { expect, test } from '../../fixtures/fleet.ts'
import { focusRing, tabTo } from '../../fixtures/keyboard.ts'
import { ADA, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('a sum, a new row and a sort with the keyboard alone', async ({ browser, fleet }) => {
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, uniqueGridId('keys'))
  const { page } = ada
  const grid = page.getByRole('grid', { name: 'Sheet' })
  const active = async () => {
    const id = await grid.getAttribute('aria-activedescendant')
    return id ? page.locator(`[id="${id}"]`).getAttribute('data-cell') : null
  }

  // The first Tab stop is the skip link; following it lands in main, then Tab reaches the sheet.
  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('main')).toBeFocused()
  await tabTo(page, grid)
  // Arriving by keyboard selects A1, with a visible ring and the grid's counts for a reader.
  await expect.poll(active).toBe('A1')
  expect(await focusRing(page)).toMatchObject({ style: 'solid', width: 2 })
  const rows = Number(await grid.getAttribute('aria-rowcount'))
  expect(rows).toBeGreaterThan(1)
  expect(Number(await grid.getAttribute('aria-colcount'))).toBeGreaterThan(1)

  for (const text of ['Total', '5', '7', '=A2+A3']) {
    await page.keyboard.type(text)
    await page.keyboard.press('Enter')
  }
  await expect(ada.cell('A4')).toHaveText('12')
  await expect.poll(active).toBe('A5')
  await page.keyboard.press('ArrowUp')
  await expect.poll(active).toBe('A4')
  await expect(
    page.locator('[aria-activedescendant] [role="gridcell"][data-cell="A4"]'),
  ).toHaveText('12')

  // Shift+Tab leaves the sheet for its toolbar (no trap): a row above A4, by keyboard.
  await page.keyboard.press('Shift+Tab')
  await expect(grid).not.toBeFocused()
  await tabTo(page, page.getByRole('button', { name: '+ Row above' }), 'Shift+Tab', 20)
  await page.keyboard.press('Enter')
  await expect(grid).toHaveAttribute('aria-rowcount', String(rows + 1))
  await expect(ada.cell('A5')).toHaveText('12')

  // Tab goes back into the sheet, and on past its cells to the sort buttons.
  await tabTo(page, grid)
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Sort by column A' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('columnheader', { name: /Column A/ })).toHaveAttribute(
    'aria-sort',
    'ascending',
  )
})
