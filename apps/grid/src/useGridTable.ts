import {
  type ColumnFiltersState,
  columnFilteringFeature,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  rowSortingFeature,
  type SortingState,
  tableFeatures,
  useTable,
} from '@tanstack/react-table'
import { compareCellValues } from '@weft/grid-model'
import { useDocSelector } from '@weft/react'
import { useCallback, useMemo } from 'react'
import type { Grid } from './grid.ts'

/** One sheet row as TanStack Table sees it: just the id and its place in the sheet. */
export type SheetRow = { rowId: string; position: number }

export const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
})

/**
 * Sorting and filtering are this user's view only (React state, never the
 * document), so they reorder nothing for anyone else. Cell values come from
 * the formula evaluator, so a sort by a formula column sorts by results.
 */
export function useGridTable(grid: Grid, sorting: SortingState, columnFilters: ColumnFiltersState) {
  const layout = grid.model.layout()
  const viewActive = sorting.length > 0 || columnFilters.length > 0
  // Without a sort or filter the row model only depends on the layout; with
  // one, values matter, so rebuild on every document change.
  const data = useDocSelector(
    viewActive ? grid.doc : null,
    useCallback(
      (): SheetRow[] => layout.rowIds.map((rowId, position) => ({ rowId, position })),
      [layout],
    ),
  )
  const columns = useMemo(
    () =>
      layout.colIds.map((colId) => ({
        id: colId,
        accessorFn: (row: SheetRow) => {
          const r = grid.evaluator.evaluate(row.rowId, colId)
          return r.error ?? r.value ?? undefined
        },
        sortFn: (
          a: { getValue: (id: string) => unknown },
          b: { getValue: (id: string) => unknown },
          id: string,
        ) => compareCellValues(a.getValue(id), b.getValue(id)),
        sortUndefined: 'last' as const,
        filterFn: 'includesString' as const,
      })),
    [layout, grid],
  )
  return useTable({
    features,
    columns,
    data,
    getRowId: (row: SheetRow) => row.rowId,
    state: { sorting, columnFilters },
  })
}
