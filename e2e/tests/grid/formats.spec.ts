import { readFile } from 'node:fs/promises'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('a number format applied by one user is shown to the other; values and formulas stay raw', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('formats')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  await ada.select('A1')
  await ada.paste('1234.5\n0.25\n45352')
  await ada.type('B1', '=A1*2')
  await expect(bob.cell('B1')).toHaveText('2469')

  // Ada formats A1 as currency, A2 as percent, A3 as a date: Bob sees the formatted text.
  const format = ada.page.getByTestId('number-format')
  await ada.select('A1')
  await format.selectOption({ label: 'Currency $1,234.56' })
  await ada.select('A2')
  await format.selectOption({ label: 'Percent 12.34%' })
  await ada.select('A3')
  await format.selectOption({ label: 'Date 9/26/2008' })
  await expect(bob.cell('A1')).toHaveText('$1,234.50')
  await expect(bob.cell('A2')).toHaveText('25.00%')
  await expect(bob.cell('A3')).toHaveText('3/1/2024')

  // Fewer decimals, from the toolbar: 25%.
  await ada.select('A2')
  await ada.page.getByRole('button', { name: 'Decrease decimal places' }).click()
  await ada.page.getByRole('button', { name: 'Decrease decimal places' }).click()
  await expect(bob.cell('A2')).toHaveText('25%')

  // The formula bar shows the raw value; the formula computes on it.
  await bob.select('A1')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue('1234.5')
  await expect(bob.page.getByTestId('number-format')).toHaveValue('currency')
  await expect(bob.cell('B1')).toHaveText('2469')

  // CSV export writes what the cells show, as Sheets does.
  const downloading = bob.page.waitForEvent('download')
  await bob.page.getByRole('button', { name: 'Export CSV' }).click()
  const text = await readFile(await (await downloading).path(), 'utf8')
  expect(text).toBe('"$1,234.50",2469\r\n25%,\r\n3/1/2024,\r\n')
})
