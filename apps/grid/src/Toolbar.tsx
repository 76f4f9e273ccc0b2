import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import type { Identity } from '@weft/client'
import { cellAddress, columnLetter, toDisplayFormula } from '@weft/grid-model'
import type { Selection } from './selection.ts'
import type { Grid } from './useGrid.ts'

type Props = {
  grid: Grid
  identity: Identity
  selection: Selection | null
  onSelection: (s: Selection | null) => void
  sorting: SortingState
  onClearSort: () => void
  columnFilters: ColumnFiltersState
  onFilters: (f: ColumnFiltersState) => void
  /** View only: the editing tools are not shown (what is left: where you are, and your view). */
  readOnly?: boolean
}

/**
 * Structure edits act on the selected rows/columns in sheet order (not the
 * local sorted view), so they mean the same thing to every user.
 */
export function Toolbar(props: Props) {
  const { grid, selection } = props
  const { model, undo } = grid
  const layout = model.layout()

  const span = (ids: string[], index: Map<string, number>, a?: string, b?: string) => {
    const i = a ? index.get(a) : undefined
    const j = b ? index.get(b) : undefined
    if (i === undefined || j === undefined) return null
    const lo = Math.min(i, j)
    const hi = Math.max(i, j)
    return { lo, hi, ids: ids.slice(lo, hi + 1) }
  }
  const rows = span(layout.rowIds, layout.rowIndex, selection?.anchor.rowId, selection?.focus.rowId)
  const cols = span(layout.colIds, layout.colIndex, selection?.anchor.colId, selection?.focus.colId)
  const focus = selection?.focus
  const focusRow = focus ? layout.rowIndex.get(focus.rowId) : undefined
  const focusCol = focus ? layout.colIndex.get(focus.colId) : undefined
  const address =
    focusRow !== undefined && focusCol !== undefined ? cellAddress(focusRow, focusCol) : ''
  const raw = focus ? toDisplayFormula(model.getValue(focus.rowId, focus.colId), layout) : ''
  const viewActive = props.sorting.length > 0 || props.columnFilters.length > 0
  const filterCol = focus?.colId
  const filterValue = String(props.columnFilters.find((f) => f.id === filterCol)?.value ?? '')

  const selectFirst = (rowIds: string[] | null, colIds: string[] | null) => {
    const rowId = rowIds?.[0] ?? focus?.rowId
    const colId = colIds?.[0] ?? focus?.colId
    if (rowId && colId) props.onSelection({ anchor: { rowId, colId }, focus: { rowId, colId } })
  }

  return (
    <div className="toolbar" role="toolbar" aria-label="Sheet tools">
      <span className="visually-hidden">Selected cell</span>
      <span className="address" data-testid="address">
        {address}
      </span>
      <span className="visually-hidden">{raw ? 'holds' : ''}</span>
      <span className="raw" data-testid="raw-value" title={raw}>
        {raw}
      </span>
      {!props.readOnly && (
        <>
          <span className="sep" />
          <button
            type="button"
            disabled={!undo.canUndo()}
            onClick={() => undo.undo()}
            title="Undo my last edit (Ctrl+Z)"
          >
            Undo
          </button>
          <button
            type="button"
            disabled={!undo.canRedo()}
            onClick={() => undo.redo()}
            title="Redo (Ctrl+Y)"
          >
            Redo
          </button>
          <span className="sep" />
          <button
            type="button"
            disabled={!rows}
            onClick={() => rows && selectFirst(model.insertRows(rows.lo, 1), null)}
          >
            + Row above
          </button>
          <button
            type="button"
            disabled={!rows}
            onClick={() => rows && selectFirst(model.insertRows(rows.hi + 1, 1), null)}
          >
            + Row below
          </button>
          <button type="button" disabled={!rows} onClick={() => rows && model.deleteRows(rows.ids)}>
            Delete row{rows && rows.ids.length > 1 ? 's' : ''}
          </button>
          <button
            type="button"
            disabled={!rows || rows.lo === 0 || viewActive}
            onClick={() => rows && model.moveRows(rows.ids, rows.lo - 1)}
            title="Move selected rows up"
          >
            Row ↑
          </button>
          <button
            type="button"
            disabled={!rows || rows.hi >= layout.rowIds.length - 1 || viewActive}
            onClick={() => rows && model.moveRows(rows.ids, rows.lo + 1)}
            title="Move selected rows down"
          >
            Row ↓
          </button>
          <span className="sep" />
          <button
            type="button"
            disabled={!cols}
            onClick={() => cols && selectFirst(null, model.insertColumns(cols.lo, 1))}
          >
            + Col left
          </button>
          <button
            type="button"
            disabled={!cols}
            onClick={() => cols && selectFirst(null, model.insertColumns(cols.hi + 1, 1))}
          >
            + Col right
          </button>
          <button
            type="button"
            disabled={!cols}
            onClick={() => cols && model.deleteColumns(cols.ids)}
          >
            Delete col{cols && cols.ids.length > 1 ? 's' : ''}
          </button>
          <button
            type="button"
            disabled={!cols || cols.lo === 0}
            onClick={() => cols && model.moveColumns(cols.ids, cols.lo - 1)}
            title="Move selected columns left"
          >
            Col ←
          </button>
          <button
            type="button"
            disabled={!cols || cols.hi >= layout.colIds.length - 1}
            onClick={() => cols && model.moveColumns(cols.ids, cols.lo + 1)}
            title="Move selected columns right"
          >
            Col →
          </button>
        </>
      )}
      <span className="sep" />
      <label
        className="filter"
        title="Filter my view by the selected column (others are not affected)"
      >
        Filter {focusCol !== undefined ? columnLetter(focusCol) : ''}
        <input
          type="search"
          data-testid="filter"
          disabled={!filterCol}
          value={filterValue}
          onChange={(e) => {
            if (!filterCol) return
            const rest = props.columnFilters.filter((f) => f.id !== filterCol)
            props.onFilters(
              e.target.value ? [...rest, { id: filterCol, value: e.target.value }] : rest,
            )
          }}
        />
      </label>
      {viewActive && (
        <button
          type="button"
          onClick={() => {
            props.onClearSort()
            props.onFilters([])
          }}
        >
          Clear sort/filter
        </button>
      )}
    </div>
  )
}
