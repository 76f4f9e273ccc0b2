import type { FormulaEvaluator, GridModel } from '@weft/grid-model'
import { toCsv } from '@weft/grid-model'

/**
 * The sheet as a CSV file, as Sheets' "Download → CSV" writes it: what each cell shows (formula
 * results, not formulas), in sheet order, from A1 to the last row and column holding data.
 */
export function sheetCsv(model: GridModel, evaluator: FormulaEvaluator): string {
  const layout = model.layout()
  let lastRow = -1
  let lastCol = -1
  for (const [rowId, colId] of model.filledCells()) {
    const r = layout.rowIndex.get(rowId)
    const c = layout.colIndex.get(colId)
    if (r === undefined || c === undefined) continue
    lastRow = Math.max(lastRow, r)
    lastCol = Math.max(lastCol, c)
  }
  const rows: string[][] = []
  for (let r = 0; r <= lastRow; r++) {
    const rowId = layout.rowIds[r] as string
    const row: string[] = []
    for (let c = 0; c <= lastCol; c++)
      row.push(evaluator.display(rowId, layout.colIds[c] as string))
    rows.push(row)
  }
  return rows.length ? `${toCsv(rows)}\r\n` : ''
}

/** Saves text as a file through the browser's download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
