/**
 * The first screen of a sheet as plain data: what a user sees at the top left of the first tab
 * (column letters, names and widths, and the shown text of each cell, formulas computed). A node
 * answers it from its live document in a few kilobytes, so the Grid app can paint a large sheet
 * before the browser has applied its full Yjs state (decision 0195). Read-only by nature: it has
 * no Yjs items, so nothing can be edited through it.
 */
import { DEFAULT_COLUMN_WIDTH, MAIN_SHEET } from './GridModel.ts'
import type { Workbook } from './Workbook.ts'

/** How a cell's text is shown: `num` right-aligned, `err` as an error, '' as text. */
export type ScreenCellKind = '' | 'num' | 'err'

export type FirstScreen = {
  sheet: { id: string; name: string }
  /** Rows and columns of the whole sheet (the scroll extent), not only the ones sent. */
  rowCount: number
  colCount: number
  columns: { id: string; name: string; width: number }[]
  rows: { id: string; cells: { text: string; kind: ScreenCellKind }[] }[]
}

/**
 * The sheet a user opening the document sees first: the main sheet while it is shown, else the
 * first tab (as the app's own choice when the main sheet was deleted).
 */
export function firstSheetId(workbook: Workbook): string {
  return workbook.isLive(MAIN_SHEET) ? MAIN_SHEET : (workbook.sheets()[0]?.id ?? MAIN_SHEET)
}

/** The top `rows` × left `cols` cells of the first sheet, as its evaluator shows them. */
export function firstScreen(workbook: Workbook, rows: number, cols: number): FirstScreen {
  const id = firstSheetId(workbook)
  const model = workbook.model(id)
  const evaluator = workbook.evaluator(id)
  const { rowIds, colIds } = model.layout()
  const shownCols = colIds.slice(0, cols)
  return {
    sheet: { id, name: workbook.info(id).name },
    rowCount: rowIds.length,
    colCount: colIds.length,
    columns: shownCols.map((colId) => {
      const meta = model.column(colId)
      return { id: colId, name: meta?.name ?? '', width: meta?.width ?? DEFAULT_COLUMN_WIDTH }
    }),
    rows: rowIds.slice(0, rows).map((rowId) => ({
      id: rowId,
      cells: shownCols.map((colId) => {
        const result = evaluator.evaluate(rowId, colId)
        const kind: ScreenCellKind = result.error
          ? 'err'
          : typeof result.value === 'number'
            ? 'num'
            : ''
        return { text: evaluator.display(rowId, colId), kind }
      }),
    })),
  }
}
