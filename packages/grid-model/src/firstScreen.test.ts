import assert from 'node:assert/strict'
import { test } from 'node:test'
import { firstScreen } from './firstScreen.ts'
import { toDisplayFormula, toStoredFormula } from './formulaRefs.ts'
import { MAIN_SHEET } from './GridModel.ts'
import { docWithClient } from './testing.ts'
import { Workbook } from './Workbook.ts'

const ada = { id: 'u-ada', name: 'Ada' }

function filled(rows: number): Workbook {
  const book = new Workbook(docWithClient(1))
  book.initialize(rows, 3)
  const model = book.model(MAIN_SHEET)
  const layout = model.layout()
  const [a, b, c] = layout.colIds as [string, string, string]
  layout.rowIds.forEach((rowId, i) => {
    model.setCell(rowId, a, String(i + 1), ada)
    model.setCell(rowId, b, `row ${i + 1}`, ada)
    model.setCell(rowId, c, toStoredFormula(`=A${i + 1}*2`, layout), ada)
  })
  return book
}

test('the first screen shows the top rows as the sheet does, formulas computed', () => {
  const screen = firstScreen(filled(50), 3, 2)
  assert.equal(screen.rowCount, 50)
  assert.equal(screen.colCount, 3)
  assert.equal(screen.columns.length, 2)
  assert.deepEqual(
    screen.rows.map((r) => r.cells.map((c) => c.text)),
    [
      ['1', 'row 1'],
      ['2', 'row 2'],
      ['3', 'row 3'],
    ],
  )
  assert.deepEqual(
    screen.rows[0]?.cells.map((c) => c.kind),
    ['num', ''],
  )
  const wide = firstScreen(filled(5), 2, 10)
  assert.deepEqual(
    wide.rows.map((r) => r.cells[2]),
    [
      { text: '2', kind: 'num' },
      { text: '4', kind: 'num' },
    ],
  )
})

test('a formula reading rows below the first screen still shows its full result', () => {
  const book = filled(40)
  const model = book.model(MAIN_SHEET)
  const layout = model.layout()
  model.setCell(
    layout.rowIds[0] as string,
    layout.colIds[1] as string,
    toStoredFormula('=SUM(A1:A40)', layout),
    ada,
  )
  model.setCell(layout.rowIds[1] as string, layout.colIds[1] as string, '=1/0', ada)
  const [first, second] = firstScreen(book, 2, 3).rows
  assert.equal(first?.cells[1]?.text, '820')
  assert.equal(second?.cells[1]?.kind, 'err')
})

test('with the main sheet deleted, the first screen is the first remaining tab', () => {
  const book = filled(3)
  const other = book.addSheet('Totals', 2, 2)
  book.deleteSheet(MAIN_SHEET)
  const screen = firstScreen(book, 10, 10)
  assert.deepEqual(screen.sheet, { id: other, name: 'Totals' })
  assert.equal(screen.rows.length, 2)
})

test('a sheet imported as row blocks shows the same first screen as one written per cell', () => {
  const perCell = filled(5)
  const imported = new Workbook(docWithClient(2))
  imported.initialize(5, 3)
  const model = imported.model(MAIN_SHEET)
  const { rowIds, colIds } = model.layout()
  const source = perCell.model(MAIN_SHEET)
  const sourceLayout = source.layout()
  model.setRowsInBulk(
    rowIds.flatMap((rowId, r) =>
      colIds.map((colId, c) => ({
        rowId,
        colId,
        value: toStoredFormula(
          toDisplay(
            source.getValue(sourceLayout.rowIds[r] as string, sourceLayout.colIds[c] as string),
          ),
          model.layout(),
        ),
      })),
    ),
    ada,
  )
  assert.equal(model.blocks.size, 5)
  assert.equal(model.cells.size, 0)
  const shown = (book: Workbook) =>
    firstScreen(book, 5, 3).rows.map((r) => r.cells.map((cell) => `${cell.text}|${cell.kind}`))
  assert.deepEqual(shown(imported), shown(perCell))
  assert.equal(shown(imported)[4]?.[2], '10|num')

  function toDisplay(stored: string): string {
    return toDisplayFormula(stored, sourceLayout)
  }
})
