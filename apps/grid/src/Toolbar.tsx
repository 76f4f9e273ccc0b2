import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import type { Identity } from '@weft/client'
import {
  cellAddress,
  columnLetter,
  sortRows,
  toDisplayFormula,
  type Workbook,
} from '@weft/grid-model'
import { commitText } from './editing.ts'
import { FileTools } from './FileTools.tsx'
import { FormatMenu } from './FormatMenu.tsx'
import { FormulaBar } from './FormulaBar.tsx'
import { SHEET_ID } from './GridView.tsx'
import type { Grid } from './grid.ts'
import type { Selection } from './selection.ts'

type Props = {
  grid: Grid
  /** The document's sheets, for XLSX files. */
  workbook: Workbook
  onOpenSheet: (sheetId: string) => void
  identity: Identity
  selection: Selection | null
  onSelection: (s: Selection | null) => void
  sorting: SortingState
  onClearSort: () => void
  columnFilters: ColumnFiltersState
  onFilters: (f: ColumnFiltersState) => void
  /** The open cell editor's text, shown in the formula bar while it is typed. */
  draft: string | null
  /** The document's name, for the exported file. */
  fileName: string
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
  // The shared sort: the selected rows when several are selected, else the whole sheet.
  const sortSheet = (desc: boolean) => {
    if (!focus) return
    const ids = rows && rows.ids.length > 1 ? rows.ids : layout.rowIds
    sortRows(model, grid.evaluator, ids, focus.colId, desc)
  }
  const sortWhat = rows && rows.ids.length > 1 ? `rows ${rows.lo + 1}–${rows.hi + 1}` : 'the sheet'
  const sortBy = focusCol !== undefined ? columnLetter(focusCol) : ''
  const viewSort = props.sorting[0]

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
      <FormulaBar
        value={props.draft ?? raw}
        address={address}
        disabled={!focus}
        readOnly={props.readOnly === true}
        onCommit={(text) =>
          focus &&
          commitText(
            model,
            { id: props.identity.id, name: props.identity.name },
            focus.rowId,
            focus.colId,
            text,
          )
        }
        onLeave={() => document.getElementById(SHEET_ID)?.focus({ preventScroll: true })}
      />
      {!props.readOnly && (
        <>
          <fieldset aria-label="Undo and redo" className="tool-group">
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
          </fieldset>
          <FormatMenu
            grid={grid}
            rowIds={rows?.ids ?? null}
            colIds={cols?.ids ?? null}
            focus={focus}
          />
          <fieldset aria-label="Rows" className="tool-group">
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
            <button
              type="button"
              disabled={!rows}
              onClick={() => rows && model.deleteRows(rows.ids)}
            >
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
          </fieldset>
          <fieldset aria-label="Columns" className="tool-group">
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
          </fieldset>
          <fieldset aria-label="Sort for everyone" className="tool-group">
            <button
              type="button"
              disabled={!focus}
              onClick={() => sortSheet(false)}
              title={`Sort ${sortWhat} by column ${sortBy}, A to Z, for everyone (Ctrl+Z undoes)`}
            >
              Sort {sortBy} A→Z
            </button>
            <button
              type="button"
              disabled={!focus}
              onClick={() => sortSheet(true)}
              title={`Sort ${sortWhat} by column ${sortBy}, Z to A, for everyone (Ctrl+Z undoes)`}
            >
              Sort {sortBy} Z→A
            </button>
          </fieldset>
        </>
      )}
      <FileTools
        grid={grid}
        workbook={props.workbook}
        identity={props.identity}
        top={focusRow ?? 0}
        left={focusCol ?? 0}
        fileName={props.fileName}
        readOnly={props.readOnly === true}
        onOpenSheet={props.onOpenSheet}
      />
      <fieldset aria-label="My view" className="tool-group">
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
          <span className="view-note" data-testid="view-note">
            Only you see this order; row numbers are the sheet’s.
          </span>
        )}
        {viewSort && !props.readOnly && (
          <button
            type="button"
            onClick={() => {
              sortRows(model, grid.evaluator, layout.rowIds, viewSort.id, viewSort.desc)
              props.onClearSort()
            }}
            title="Sort the sheet this way for everyone"
          >
            Sort sheet for everyone
          </button>
        )}
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
      </fieldset>
    </div>
  )
}
