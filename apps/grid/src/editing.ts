import type { Author, FormulaEvaluator, GridModel } from '@weft/grid-model'
import { parseTsv, shiftFormula, toDisplayFormula, toStoredFormula, toTsv } from '@weft/grid-model'
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
 * What the sheet itself copies next to the values: each cell as the user typed it (formulas in
 * A1) and where in the sheet (sheet order) each row and column came from, so a paste can shift
 * relative references by how far the block moved.
 */
export type CopiedBlock = { tsv: string; rows: number[]; cols: number[] }

export function copyFormulas(model: GridModel, view: ViewOrder, rect: Rect): CopiedBlock {
  const layout = model.layout()
  const rows: number[] = []
  const cols: number[] = []
  const cells: string[][] = []
  for (let c = rect.left; c <= rect.right; c++)
    cols.push(layout.colIndex.get(view.colIds[c] ?? '') ?? c)
  for (let r = rect.top; r <= rect.bottom; r++) {
    const rowId = view.rowIds[r] ?? ''
    rows.push(layout.rowIndex.get(rowId) ?? r)
    const row: string[] = []
    for (let c = rect.left; c <= rect.right; c++) {
      row.push(editableText(model, rowId, view.colIds[c] ?? ''))
    }
    cells.push(row)
  }
  return { tsv: toTsv(cells), rows, cols }
}

/** A CopiedBlock read back from the clipboard; null when it is not one (another app, bad data). */
export function readCopiedBlock(json: string): CopiedBlock | null {
  try {
    const data: unknown = JSON.parse(json)
    if (typeof data !== 'object' || data === null) return null
    const { tsv, rows, cols } = data as Record<string, unknown>
    const indices = (a: unknown) =>
      Array.isArray(a) && a.every((n) => Number.isInteger(n) && n >= 0) ? (a as number[]) : null
    const r = indices(rows)
    const c = indices(cols)
    return typeof tsv === 'string' && r && c ? { tsv, rows: r, cols: c } : null
  } catch {
    return null
  }
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
  /** Where the block was copied from in this sheet: formulas then shift by the distance moved. */
  from?: { rows: number[]; cols: number[] },
): Rect | null {
  return pasteBlock(model, author, view, top, left, parseTsv(text), from)
}

/**
 * pasteTsv for a block already split into cells. A paste that adds rows is a bulk write: rows
 * holding nothing get their values as one row block each (decision 0203).
 */
export function pasteBlock(
  model: GridModel,
  author: Author,
  view: ViewOrder,
  top: number,
  left: number,
  block: string[][],
  from?: { rows: number[]; cols: number[] },
): Rect | null {
  return writeBlock(model, author, view, top, left, block, from, false)
}

/**
 * A file's cells (a CSV import) written at (top, left) as a paste would write them, always as a
 * bulk write: rows of the sheet that hold nothing yet, and the rows added, become row blocks.
 */
export function importBlock(
  model: GridModel,
  author: Author,
  view: ViewOrder,
  top: number,
  left: number,
  block: string[][],
): Rect | null {
  return writeBlock(model, author, view, top, left, block, undefined, true)
}

function writeBlock(
  model: GridModel,
  author: Author,
  view: ViewOrder,
  top: number,
  left: number,
  block: string[][],
  from: { rows: number[]; cols: number[] } | undefined,
  bulk: boolean,
): Rect | null {
  if (block.length === 0) return null
  const width = Math.max(...block.map((r) => r.length))
  let rowIds = view.rowIds.slice(top, top + block.length)
  let colIds = view.colIds.slice(left, left + width)
  const addsRows = rowIds.length < block.length
  let result: Rect | null = null
  model.doc.transact(() => {
    if (addsRows) {
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
      const rowId = rowIds[r] as string
      cells.forEach((value, c) => {
        const colId = colIds[c] as string
        const fromRow = from?.rows[r]
        const fromCol = from?.cols[c]
        const moved =
          fromRow === undefined || fromCol === undefined
            ? value
            : shiftFormula(
                value,
                (layout.rowIndex.get(rowId) ?? fromRow) - fromRow,
                (layout.colIndex.get(colId) ?? fromCol) - fromCol,
              )
        writes.push({ rowId, colId, value: toStoredFormula(moved, layout) })
      })
    })
    if (bulk || addsRows) {
      model.setRowsInBulk(writes, author)
    } else model.setCells(writes, author)
    result = { top, left, bottom: top + block.length - 1, right: left + width - 1 }
  }, model.origin)
  return result
}

/**
 * Ctrl+D / Ctrl+R: the first row (down) or column (right) of the block copied over the rest,
 * formulas shifted as a paste would shift them. One undo step.
 */
export function fillRect(
  model: GridModel,
  author: Author,
  view: ViewOrder,
  rect: Rect,
  direction: 'down' | 'right',
): void {
  const layout = model.layout()
  const writes: { rowId: string; colId: string; value: string }[] = []
  for (let r = rect.top; r <= rect.bottom; r++) {
    for (let c = rect.left; c <= rect.right; c++) {
      const fromR = direction === 'down' ? rect.top : r
      const fromC = direction === 'right' ? rect.left : c
      if (fromR === r && fromC === c) continue
      const rowId = view.rowIds[r]
      const colId = view.colIds[c]
      const srcRow = view.rowIds[fromR]
      const srcCol = view.colIds[fromC]
      if (!rowId || !colId || !srcRow || !srcCol) continue
      const dRow = (layout.rowIndex.get(rowId) ?? 0) - (layout.rowIndex.get(srcRow) ?? 0)
      const dCol = (layout.colIndex.get(colId) ?? 0) - (layout.colIndex.get(srcCol) ?? 0)
      const text = shiftFormula(editableText(model, srcRow, srcCol), dRow, dCol)
      writes.push({ rowId, colId, value: toStoredFormula(text, layout) })
    }
  }
  model.setCells(writes, author)
}
