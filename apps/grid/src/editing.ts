import type { Author, FormulaEvaluator, GridModel } from '@weft/grid-model'
import { parseTsv, toDisplayFormula, toStoredFormula, toTsv } from '@weft/grid-model'
import type { Rect } from './selection.ts'

/** The order the user currently sees: rows after their local sort/filter, columns as in the sheet. */
export type ViewOrder = {
  rowIds: string[]
  colIds: string[]
  rowIndex: Map<string, number>
  colIndex: Map<string, number>
}

/** What the editor starts with: formulas shown as A1 against the current layout. */
export function editableText(model: GridModel, rowId: string, colId: string): string {
  return toDisplayFormula(model.getValue(rowId, colId), model.layout())
}

export function commitText(
  model: GridModel,
  author: Author,
  rowId: string,
  colId: string,
  text: string,
): void {
  const stored = toStoredFormula(text, model.layout())
  if (stored === model.getValue(rowId, colId)) return
  model.setCell(rowId, colId, stored, author)
}

export function clearRect(model: GridModel, author: Author, view: ViewOrder, rect: Rect): void {
  const writes: { rowId: string; colId: string; value: string }[] = []
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const rowId = view.rowIds[r]
      const colId = view.colIds[c]
      if (rowId && colId && model.getValue(rowId, colId) !== '') {
        writes.push({ rowId, colId, value: '' })
      }
    }
  }
  model.setCells(writes, author)
}

/** Copies what the user sees (computed values), as other spreadsheets expect on paste. */
export function copyRect(evaluator: FormulaEvaluator, view: ViewOrder, rect: Rect): string {
  const rows: string[][] = []
  for (let r = rect.top; r <= rect.bottom; r++) {
    const row: string[] = []
    for (let c = rect.left; c <= rect.right; c++) {
      const rowId = view.rowIds[r]
      const colId = view.colIds[c]
      row.push(rowId && colId ? evaluator.display(rowId, colId) : '')
    }
    rows.push(row)
  }
  return toTsv(rows)
}

/**
 * Writes a TSV block with its top-left at (top, left) of the view, adding
 * rows and columns at the end of the sheet when it does not fit, all in one
 * undo step. Returns the rectangle written.
 */
export function pasteTsv(
  model: GridModel,
  author: Author,
  view: ViewOrder,
  top: number,
  left: number,
  text: string,
): Rect | null {
  const block = parseTsv(text)
  if (block.length === 0) return null
  const width = Math.max(...block.map((r) => r.length))
  let rowIds = view.rowIds.slice(top, top + block.length)
  let colIds = view.colIds.slice(left, left + width)
  let result: Rect | null = null
  model.doc.transact(() => {
    if (rowIds.length < block.length) {
      const extra = model.insertRows(model.layout().rowIds.length, block.length - rowIds.length)
      rowIds = [...rowIds, ...extra]
    }
    if (colIds.length < width) {
      const extra = model.insertColumns(model.layout().colIds.length, width - colIds.length)
      colIds = [...colIds, ...extra]
    }
    const layout = model.layout()
    const writes: { rowId: string; colId: string; value: string }[] = []
    block.forEach((cells, r) => {
      cells.forEach((value, c) => {
        writes.push({
          rowId: rowIds[r] as string,
          colId: colIds[c] as string,
          value: toStoredFormula(value, layout),
        })
      })
    })
    model.setCells(writes, author)
    result = { top, left, bottom: top + block.length - 1, right: left + width - 1 }
  }, model.origin)
  return result
}
