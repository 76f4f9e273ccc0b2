import type { ViewOrder } from './editing.ts'
import { type CellId, clamp, type Rect, type Selection } from './selection.ts'

type Order = Pick<ViewOrder, 'rowIds' | 'colIds'>

/** The cell at (row, col) of the view, clamped to the sheet; null only when the sheet is empty. */
export function cellAt(view: Order, row: number, col: number): CellId | null {
  const rowId = view.rowIds[clamp(row, 0, view.rowIds.length - 1)]
  const colId = view.colIds[clamp(col, 0, view.colIds.length - 1)]
  return rowId && colId ? { rowId, colId } : null
}

/** Where an arrow, Tab or Enter takes the selection: the new selection and the cell to show. */
export type Moved = { selection: Selection; row: number; col: number }

/**
 * The selection after moving its active end by (dRow, dCol) in the view, stopping at the edges;
 * `extend` (Shift) keeps the anchor. With no selection, the first cell is selected and nothing
 * scrolls (row/col are those of the first cell).
 */
export function moveSelection(
  selection: Selection | null,
  view: ViewOrder,
  dRow: number,
  dCol: number,
  extend: boolean,
): Moved | null {
  if (!selection) {
    const first = cellAt(view, 0, 0)
    return first ? { selection: { anchor: first, focus: first }, row: 0, col: 0 } : null
  }
  const r = view.rowIndex.get(selection.focus.rowId) ?? 0
  const c = view.colIndex.get(selection.focus.colId) ?? 0
  return selectionTo(selection, view, r + dRow, c + dCol, extend)
}

/** The selection with its active end at (row, col) of the view, clamped; Shift keeps the anchor. */
export function selectionTo(
  selection: Selection | null,
  view: Order,
  row: number,
  col: number,
  extend: boolean,
): Moved | null {
  const r = clamp(row, 0, view.rowIds.length - 1)
  const c = clamp(col, 0, view.colIds.length - 1)
  const next = cellAt(view, r, c)
  if (!next) return null
  return {
    selection:
      extend && selection
        ? { anchor: selection.anchor, focus: next }
        : { anchor: next, focus: next },
    row: r,
    col: c,
  }
}

/** Every cell of the view (Ctrl+A). */
export function selectAll(view: Order): Selection | null {
  const a = cellAt(view, 0, 0)
  const b = cellAt(view, view.rowIds.length - 1, view.colIds.length - 1)
  return a && b ? { anchor: a, focus: b } : null
}

/** One column of the view, top to bottom (a click on its header). */
export function selectColumn(view: Order, col: number): Selection | null {
  const a = cellAt(view, 0, col)
  const b = cellAt(view, view.rowIds.length - 1, col)
  return a && b ? { anchor: a, focus: b } : null
}

/** One row, first column to last (a click on its header). */
export function selectRow(colIds: readonly string[], rowId: string): Selection | null {
  const first = colIds[0]
  const last = colIds[colIds.length - 1]
  if (!first || !last) return null
  return { anchor: { rowId, colId: first }, focus: { rowId, colId: last } }
}

/**
 * The horizontal scroll that brings a column into view (the row header stays pinned on the
 * left), or null when it is already visible.
 */
export function scrollLeftToShow(
  scroller: { scrollLeft: number; clientWidth: number },
  left: number,
  width: number,
  pinned: number,
): number | null {
  const visibleRight = scroller.scrollLeft + scroller.clientWidth - pinned
  if (left < scroller.scrollLeft) return left
  if (left + width > visibleRight) return left + width - scroller.clientWidth + pinned
  return null
}

/** The selection that shows a block just pasted at `written` (rows/columns it added included). */
export function pastedSelection(
  view: Order,
  written: Rect,
  latest: { rowIds: readonly string[]; colIds: readonly string[] },
): Selection | null {
  const a = cellAt(view, written.top, written.left)
  if (!a) return null
  return {
    anchor: a,
    focus: {
      rowId: view.rowIds[written.bottom] ?? latest.rowIds[latest.rowIds.length - 1] ?? '',
      colId: view.colIds[written.right] ?? latest.colIds[latest.colIds.length - 1] ?? '',
    },
  }
}
