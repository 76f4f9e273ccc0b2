import { selectRow } from './navigation.ts'
import type { Selection } from './selection.ts'

/** What the pointer is over in the sheet body: a row, and a cell or the row's header. */
export type BodyHit = { rowId: string; colId: string | undefined; header: boolean }

/** The hit for an element of the body (rows carry data-row-id, cells data-col-id). */
export function bodyHit(target: Element): BodyHit | null {
  const rowId = target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId
  const colId = target.closest<HTMLElement>('[data-col-id]')?.dataset.colId
  const header = target.closest('[data-row-header]') !== null
  return rowId ? { rowId, colId, header } : null
}

/**
 * A press: a row header selects the row, a cell selects it (Shift extends from the anchor).
 * `drag` says whether moving with the button down goes on extending it.
 */
export function pressSelection(
  hit: BodyHit,
  selection: Selection | null,
  shift: boolean,
  colIds: readonly string[],
): { selection: Selection | null; drag: boolean } {
  if (hit.header) return { selection: selectRow(colIds, hit.rowId), drag: false }
  if (!hit.colId) return { selection: null, drag: false }
  const cell = { rowId: hit.rowId, colId: hit.colId }
  return {
    selection:
      shift && selection
        ? { anchor: selection.anchor, focus: cell }
        : { anchor: cell, focus: cell },
    drag: true,
  }
}

/** Dragging over a cell moves the active end there; null when nothing changes. */
export function dragSelection(selection: Selection | null, hit: BodyHit | null): Selection | null {
  if (!selection || !hit?.colId) return null
  if (hit.rowId === selection.focus.rowId && hit.colId === selection.focus.colId) return null
  return { anchor: selection.anchor, focus: { rowId: hit.rowId, colId: hit.colId } }
}
