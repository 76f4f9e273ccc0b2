import { useDocSelector } from '@weft/react'
import { useCallback, useState } from 'react'
import { columnWidths } from './columnResize.ts'
import type { Grid } from './grid.ts'

/**
 * Column widths on screen. Widths live in the doc (shared); a drag shows its width locally
 * (`preview`) and writes it once, on release (`commit`), so a drag is one edit for everyone.
 */
export function useColumnWidths(grid: Grid, colIds: readonly string[]) {
  const { model } = grid
  const [dragging, setDragging] = useState<Record<string, number>>({})
  const widths = useDocSelector(
    grid.doc,
    useCallback(
      () => columnWidths(colIds, dragging, (id) => model.column(id)?.width),
      [colIds, dragging, model],
    ),
  )
  const preview = useCallback(
    (colId: string, width: number) => setDragging((w) => ({ ...w, [colId]: width })),
    [],
  )
  const commit = useCallback(
    (colId: string, width: number) => {
      model.updateColumn(colId, { width })
      setDragging(({ [colId]: _, ...rest }) => rest)
    },
    [model],
  )
  return { widths, preview, commit }
}
