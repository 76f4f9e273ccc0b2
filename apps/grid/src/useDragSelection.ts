import { type MouseEvent, useEffect, useRef } from 'react'
import { bodyHit, dragSelection, pressSelection } from './pointerSelection.ts'
import type { Selection } from './selection.ts'

type Options = {
  selection: Selection | null
  colIds: readonly string[]
  onSelection: (selection: Selection) => void
  /** Before a press is handled: the grid ends any edit and takes focus. */
  onPress: () => void
  /** A double-click on a cell. */
  onEditCell: (rowId: string, colId: string) => void
}

/**
 * Mouse over the sheet body (delegated from the rows, see GridRow): a press selects (Shift
 * extends), dragging extends, a double-click edits. Returns the body's handlers.
 */
export function useDragSelection({ selection, colIds, onSelection, onPress, onEditCell }: Options) {
  const dragging = useRef(false)
  useEffect(() => {
    const up = () => {
      dragging.current = false
    }
    window.addEventListener('mouseup', up)
    return () => window.removeEventListener('mouseup', up)
  }, [])

  const onMouseDown = (e: MouseEvent) => {
    const hit = bodyHit(e.target as Element)
    if (!hit) return
    onPress()
    e.preventDefault()
    const pressed = pressSelection(hit, selection, e.shiftKey, colIds)
    if (pressed.selection) onSelection(pressed.selection)
    if (pressed.drag) dragging.current = true
  }
  const onMouseMove = (e: MouseEvent) => {
    if (!dragging.current) return
    const next = dragSelection(selection, bodyHit(e.target as Element))
    if (next) onSelection(next)
  }
  const onDoubleClick = (e: MouseEvent) => {
    const hit = bodyHit(e.target as Element)
    if (hit?.colId) onEditCell(hit.rowId, hit.colId)
  }
  return { onMouseDown, onMouseMove, onDoubleClick }
}
