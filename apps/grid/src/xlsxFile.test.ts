import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MAIN_SHEET, toDisplayFormula, toStoredFormula, Workbook } from '@weft/grid-model'
import * as Y from 'yjs'
import { readXlsx, workbookToXlsx, writeImportedSheets, XlsxImportError } from './xlsxFile.ts'

const ada = { id: 'u1', name: 'Ada' }

function put(book: Workbook, sheetId: string, row: number, col: number, text: string): void {
  const model = book.model(sheetId)
  const layout = model.layout()
  const rowId = layout.rowIds[row] as string
  const colId = layout.colIds[col] as string
  model.setCell(rowId, colId, toStoredFormula(text, layout), ada)
}

function shown(book: Workbook, sheetId: string, row: number, col: number): string {
  const { rowIds, colIds } = book.model(sheetId).layout()
  return book.evaluator(sheetId).display(rowIds[row] as string, colIds[col] as string)
}

test('every sheet round-trips through XLSX: values, formulas across sheets, formats', async () => {
  const book = new Workbook(new Y.Doc())
  book.initialize(5, 3)
  put(book, MAIN_SHEET, 0, 0, 'price')
  put(book, MAIN_SHEET, 1, 0, '2.5')
  put(book, MAIN_SHEET, 3, 0, "'007")
  const costs = book.addSheet('My costs', 5, 3)
  put(book, costs, 0, 1, '=SUM(Sheet1!A2:A3)*2')
  const { rowIds, colIds } = book.model(costs).layout()
  book.model(costs).setFormats([{ rowId: rowIds[0] as string, colId: colIds[1] as string }], {
    kind: 'currency',
    decimals: 1,
  })
  assert.equal(shown(book, costs, 0, 1), '$5.0')

  const bytes = await workbookToXlsx(book)
  const sheets = await readXlsx(bytes.buffer as ArrayBuffer)
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['Sheet1', 'My costs'],
  )

  const copy = new Workbook(new Y.Doc())
  copy.initialize(5, 3)
  // Typed and cleared: a stored cell (compact, decision 0135) holding no value is still blank.
  put(copy, MAIN_SHEET, 0, 0, 'typed')
  put(copy, MAIN_SHEET, 0, 0, '')
  const ids = writeImportedSheets(copy, sheets, ada)
  assert.deepEqual(
    copy.sheets().map((s) => s.name),
    ['Sheet1', 'My costs'],
  )
  assert.equal(ids[0], MAIN_SHEET, 'a blank only sheet is filled, not kept beside')
  const other = ids[1] as string
  assert.equal(shown(copy, MAIN_SHEET, 3, 0), '007')
  assert.equal(shown(copy, other, 0, 1), '$5.0')
  const model = copy.model(other)
  const layout = model.layout()
  const stored = model.getValue(layout.rowIds[0] as string, layout.colIds[1] as string)
  assert.equal(toDisplayFormula(stored, layout), '=SUM(Sheet1!A2:A3)*2')
  // Imported rows holding nothing are row blocks (decision 0203); the row typed in and cleared
  // before got cells. Exported again, the file is the same.
  assert.equal(model.blocks.size, 1)
  assert.equal(copy.model(MAIN_SHEET).blocks.size, 2)
  const again = await readXlsx((await workbookToXlsx(copy)).buffer as ArrayBuffer)
  assert.deepEqual(again, sheets)
})

test('an imported sheet whose name is taken is renamed, and references still reach it', async () => {
  const source = new Workbook(new Y.Doc())
  source.initialize(3, 3)
  put(source, MAIN_SHEET, 0, 0, '4')
  const two = source.addSheet('Sheet2', 3, 3)
  put(source, two, 0, 0, '=Sheet1!A1+1')
  const sheets = await readXlsx((await workbookToXlsx(source)).buffer as ArrayBuffer)

  const target = new Workbook(new Y.Doc())
  target.initialize(3, 3)
  put(target, MAIN_SHEET, 0, 0, '100')
  writeImportedSheets(target, sheets, ada)
  assert.deepEqual(
    target.sheets().map((s) => s.name),
    ['Sheet1', 'Sheet1 (2)', 'Sheet2'],
  )
  const imported = target.sheets()[2]?.id as string
  assert.equal(shown(target, imported, 0, 0), '5', 'reads the file’s Sheet1, not the document’s')
})

test('a file that is not a workbook is refused with a reason', async () => {
  await assert.rejects(
    readXlsx(new TextEncoder().encode('not a zip').buffer as ArrayBuffer),
    (e: unknown) => e instanceof XlsxImportError && /could not be read/.test(e.message),
  )
})
