import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { expect, test } from '../../fixtures/fleet.ts'
import { ADA, BOB, contextFor, GridPage, uniqueGridId } from './gridPage.ts'

const tabNames = (grid: GridPage) => grid.page.getByRole('tab').allTextContents()

test('an XLSX export holds every sheet with values, formulas and formats, and imports back', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('xlsx')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await ada.select('A1')
  await ada.paste('item\tprice\nnuts\t2.5\nfigs\t4')
  await ada.page.getByRole('button', { name: 'Add sheet' }).click()
  await ada.page.getByRole('tab', { name: 'Sheet2' }).dblclick()
  await ada.page.getByRole('textbox', { name: 'Sheet name' }).fill('Totals')
  await ada.page.keyboard.press('Enter')
  await ada.type('A1', '=SUM(Sheet1!B2:B3)')
  await expect(ada.cell('A1')).toHaveText('6.5')
  await ada.select('A1')
  await ada.page.getByTestId('number-format').selectOption({ label: 'Currency $1,234.56' })
  await expect(ada.cell('A1')).toHaveText('$6.50')

  const downloading = ada.page.waitForEvent('download')
  await ada.page.getByRole('button', { name: 'Export XLSX' }).click()
  const saved = await downloading
  expect(saved.suggestedFilename()).toBe(`${id}.xlsx`)
  const path = await saved.path()

  // The file, as Excel would read it.
  const file = new ExcelJS.Workbook()
  const bytes = await readFile(path)
  // exceljs types its input as its own Buffer (an ArrayBuffer): hand it the file's bytes as one.
  await file.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))
  expect(file.worksheets.map((ws) => ws.name)).toEqual(['Sheet1', 'Totals'])
  const sheet1 = file.getWorksheet('Sheet1')
  expect(sheet1?.getCell('A2').value).toBe('nuts')
  expect(sheet1?.getCell('B3').value).toBe(4)
  const total = file.getWorksheet('Totals')?.getCell('A1')
  expect(total?.formula).toBe('SUM(Sheet1!B2:B3)')
  expect(total?.result).toBe(6.5)
  expect(total?.numFmt).toBe('"$"#,##0.00')

  // Imported into a new document by Bob on the other node: the same sheets, live for Ada.
  const copy = uniqueGridId('xlsx-copy')
  const bob = new GridPage(await (await contextFor(browser, BOB)).newPage())
  await bob.open(fleet.nodes[1].url, copy)
  await bob.page.getByTestId('import-xlsx').setInputFiles(path)
  await expect.poll(() => tabNames(bob)).toEqual(['Sheet1', 'Totals'])
  await expect(bob.cell('B2')).toHaveText('2.5')
  await bob.page.getByRole('tab', { name: 'Totals' }).click()
  await expect(bob.cell('A1')).toHaveText('$6.50')
  await bob.select('A1')
  await expect(bob.page.getByTestId('raw-value')).toHaveValue('=SUM(Sheet1!B2:B3)')
  const adaCopy = new GridPage(ada.page)
  await adaCopy.open(fleet.nodes[0].url, copy)
  await expect.poll(() => tabNames(adaCopy)).toEqual(['Sheet1', 'Totals'])
  await expect(adaCopy.cell('A2')).toHaveText('nuts')
  await adaCopy.type('B3', '5')
  await expect(bob.cell('A1')).toHaveText('$7.50')
})

test('a file over GRID_IMPORT_MAX_BYTES, or not a workbook, is refused whole with a message', async ({
  browser,
  fleet,
}) => {
  const id = uniqueGridId('too-big')
  const ada = new GridPage(await (await contextFor(browser, ADA)).newPage())
  await ada.open(fleet.nodes[0].url, id)
  await ada.type('A1', 'before')

  const dir = join(tmpdir(), `weft-${id}`)
  const big = join(dir, 'big.csv')
  await mkdir(dir, { recursive: true })
  try {
    // 11 MB of CSV: over the 10 MB default.
    await writeFile(big, 'x,y\r\n'.repeat(Math.ceil((11 * 1024 * 1024) / 5)))
    await ada.select('A1')
    await ada.page.getByTestId('import-csv').setInputFiles(big)
    await expect(ada.page.getByTestId('import-problem')).toContainText(
      'big.csv is 11 MB; files up to 10 MB can be imported. Nothing was imported.',
    )
    await expect(ada.cell('A1')).toHaveText('before')

    await ada.page.getByTestId('import-xlsx').setInputFiles({
      name: 'broken.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('this is not a zip file'),
    })
    await expect(ada.page.getByTestId('import-problem')).toContainText(
      'broken.xlsx could not be read as an XLSX workbook',
    )
    await expect(ada.page.getByTestId('import-problem')).toContainText('Nothing was imported.')
    await expect.poll(() => tabNames(ada)).toEqual(['Sheet1'])
    await expect(ada.cell('A1')).toHaveText('before')
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})
