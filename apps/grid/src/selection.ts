/** A cell by ids, so a selection stays on its cell when rows or columns move. */
export type CellId = { rowId: string; colId: string }

/** anchor = where the selection started, focus = the active end (moves with Shift+arrows). */
export type Selection = { anchor: CellId; focus: CellId }

export type Rect = { top: number; left: number; bottom: number; right: number }

type Index = { rowIndex: Map<string, number>; colIndex: Map<string, number> }

/** The selection as an index rectangle in the given order; null if either end is gone. */
export function selectionRect(sel: Selection, view: Index): Rect | null {
  const r1 = view.rowIndex.get(sel.anchor.rowId)
  const r2 = view.rowIndex.get(sel.focus.rowId)
  const c1 = view.colIndex.get(sel.anchor.colId)
  const c2 = view.colIndex.get(sel.focus.colId)
  if (r1 === undefined || r2 === undefined || c1 === undefined || c2 === undefined) return null
  return {
    top: Math.min(r1, r2),
    bottom: Math.max(r1, r2),
    left: Math.min(c1, c2),
    right: Math.max(c1, c2),
  }
}

export function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n))
}
