import { cellAddress } from '@weft/grid-model'
import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'
import type { Selection } from './selection.ts'
import type { Grid } from './useGrid.ts'

/**
 * "Bob changed B2 to 42": someone else's edit of the cell this user is on, in the live region.
 * Each cell carries its author (CellEntry.by/name), so a change is told apart from this user's
 * own by who wrote it, not by timing. Edits elsewhere in the sheet are not read out: on a busy
 * sheet they would drown everything else.
 */
export function useAnnounceCellEdits(
  grid: Grid | null,
  focus: Selection['focus'] | undefined,
  version: number,
  me: string,
): void {
  const last = useRef<{ cell: string; stamp: string } | null>(null)
  const rowId = focus?.rowId
  const colId = focus?.colId
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal that the sheet changed; the cell is read from the model
  useEffect(() => {
    if (!grid || !rowId || !colId) {
      last.current = null
      return
    }
    const entry = grid.model.getCell(rowId, colId)
    const cell = `${rowId}:${colId}`
    const stamp = entry ? grid.model.cellStamp(rowId, colId) : ''
    const before = last.current
    last.current = { cell, stamp }
    if (!entry || entry.by === me || before?.cell !== cell || before.stamp === stamp) return
    const layout = grid.model.layout()
    const r = layout.rowIndex.get(rowId)
    const c = layout.colIndex.get(colId)
    const where = r !== undefined && c !== undefined ? cellAddress(r, c) : 'this cell'
    const value = grid.evaluator.display(rowId, colId)
    announce(`${entry.name} changed ${where} to ${value || 'empty'}`)
  }, [grid, rowId, colId, version, me])
}
