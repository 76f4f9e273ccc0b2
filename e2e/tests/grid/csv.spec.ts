import { readFile } from 'node:fs/promises'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

test('a CSV file imported by one user arrives for the other, who exports the values', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('csv')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await bob.open(fleet.nodes[1].url, id)

  const file =
    '\uFEFFitem,price,qty\r\n"Nuts, salted",2.5,4\r\n"say ""hi""",1,2\r\ntotal,=B2*C2+B3*C3,\r\n'
  await ada.page.getByTestId('import-csv').setInputFiles({
    name: 'shop.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(file),
  })
  await expect(bob.cell('A2')).toHaveText('Nuts, salted')
  await expect(bob.cell('A3')).toHaveText('say "hi"')
  await expect(bob.cell('B4')).toHaveText('12')

  const downloading = bob.page.waitForEvent('download')
  await bob.page.getByRole('button', { name: 'Export CSV' }).click()
  const saved = await downloading
  expect(saved.suggestedFilename()).toBe(`${id}.csv`)
  const text = await readFile(await saved.path(), 'utf8')
  expect(text).toBe('item,price,qty\r\n"Nuts, salted",2.5,4\r\n"say ""hi""",1,2\r\ntotal,12,\r\n')
})
