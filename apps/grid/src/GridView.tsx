// biome-ignore-all lint/a11y/useSemanticElements: a virtualised sheet cannot be a <table>; role=grid gives it a table's semantics.
// biome-ignore-all lint/a11y/noStaticElementInteractions: mouse handlers on cells and headers mirror
// commands the focused grid container already offers from the keyboard (arrows, Shift, F2, toolbar).
// biome-ignore-all lint/a11y/noNoninteractiveTabindex: the sheet container is the keyboard target, as in any spreadsheet.
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Identity } from '@weft/client'
import { columnLetter } from '@weft/grid-model'
import { useCallback, useMemo, useRef } from 'react'
import { CellEditor } from './CellEditor.tsx'
import { ColumnHeaders } from './ColumnHeaders.tsx'
import { clearRect, type ViewOrder } from './editing.ts'
import { cellDomId, GridRow } from './GridRow.tsx'
import { columnOffsets, ROW_HEADER_WIDTH, ROW_HEIGHT } from './geometry.ts'
import { handleGridKey } from './gridKeys.ts'
import { moveSelection, scrollLeftToShow, selectAll, selectColumn } from './navigation.ts'
import { type RemoteSelection, SelectionBox } from './SelectionBox.tsx'
import { type Rect, type Selection, selectionRect } from './selection.ts'
import { useCellEditing } from './useCellEditing.ts'
import { useColumnWidths } from './useColumnWidths.ts'
import { useDragSelection } from './useDragSelection.ts'
import type { Grid } from './useGrid.ts'
import { useGridClipboard } from './useGridClipboard.ts'
import { useGridTable } from './useGridTable.ts'

type Props = {
  grid: Grid
  version: number
  identity: Identity
  selection: Selection | null
  onSelection: (sel: Selection | null) => void
  remote: RemoteSelection[]
  sorting: SortingState
  columnFilters: ColumnFiltersState
  onSort: (colId: string) => void
  /** View only (a read link) or a past version: selecting, copying, sorting and filtering; no editing. */
  readOnly?: boolean
}

/**
 * The sheet: headers, the virtualised rows and the selections over them. Keyboard
 * (gridKeys.ts, navigation.ts), mouse (useDragSelection), clipboard (useGridClipboard),
 * editing (useCellEditing) and column widths (useColumnWidths) each live in their own module.
 */
export function GridView(props: Props) {
  const { grid, version, identity, selection, onSelection, remote, readOnly = false } = props
  const { model, evaluator } = grid
  const author = useMemo(() => ({ id: identity.id, name: identity.name }), [identity])
  const table = useGridTable(grid, props.sorting, props.columnFilters)
  const layout = model.layout()
  const rows = table.getRowModel().rows

  // The order on screen: rows after this user's sort/filter, columns as in the sheet.
  const view: ViewOrder = useMemo(() => {
    const rowIds = rows.map((r) => r.original.rowId)
    return {
      rowIds,
      colIds: layout.colIds,
      rowIndex: new Map(rowIds.map((id, i) => [id, i])),
      colIndex: layout.colIndex,
    }
  }, [rows, layout])

  const columns = useColumnWidths(grid, layout.colIds)
  const { widths } = columns
  const { lefts, total: bodyWidth } = columnOffsets(widths)

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: view.rowIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  })

  const rect = selection ? selectionRect(selection, view) : null

  const focusGrid = useCallback(() => scrollRef.current?.focus({ preventScroll: true }), [])

  const scrollIntoView = useCallback(
    (r: number, c: number) => {
      virtualizer.scrollToIndex(r, { align: 'auto' })
      const el = scrollRef.current
      if (!el) return
      const left = scrollLeftToShow(el, lefts[c] ?? 0, widths[c] ?? 0, ROW_HEADER_WIDTH)
      if (left !== null) el.scrollLeft = left
    },
    [virtualizer, lefts, widths],
  )

  const move = useCallback(
    (dRow: number, dCol: number, extend: boolean) => {
      const moved = moveSelection(selection, view, dRow, dCol, extend)
      if (!moved) return
      onSelection(moved.selection)
      if (selection) scrollIntoView(moved.row, moved.col)
    },
    [selection, view, onSelection, scrollIntoView],
  )

  const { editing, editCell, startEdit, finishEdit } = useCellEditing({
    model,
    author,
    selection,
    onFinished: useCallback(
      (then?: [number, number]) => {
        focusGrid()
        if (then) move(then[0], then[1], false)
      },
      [focusGrid, move],
    ),
  })

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Keys on the sort buttons inside the sheet are theirs (Enter sorts, not edits).
    if (editing || e.target !== e.currentTarget) return
    const write = <A extends unknown[]>(action: (...args: A) => unknown) =>
      readOnly ? () => {} : action
    handleGridKey(e, {
      move,
      edit: write(startEdit),
      clear: write(() => rect && clearRect(model, author, view, rect)),
      undo: write(() => grid.undo.undo()),
      redo: write(() => grid.undo.redo()),
      selectAll: () => {
        const all = selectAll(view)
        if (all) onSelection(all)
      },
    })
  }

  useGridClipboard({
    target: scrollRef,
    rect,
    view,
    model,
    evaluator,
    author,
    onSelection,
    readOnly,
  })

  const body = useDragSelection({
    selection,
    colIds: view.colIds,
    onSelection,
    onPress: () => {
      if (editing) finishEdit(null)
      focusGrid()
    },
    onEditCell: readOnly ? () => {} : editCell,
  })

  const box = (r: Rect) => ({
    top: r.top * ROW_HEIGHT,
    left: ROW_HEADER_WIDTH + (lefts[r.left] ?? 0),
    width: (lefts[r.right] ?? 0) + (widths[r.right] ?? 0) - (lefts[r.left] ?? 0),
    height: (r.bottom - r.top + 1) * ROW_HEIGHT,
  })

  const editRect = editing ? selectionRect({ anchor: editing, focus: editing }, view) : null

  // The active cell for assistive technology: focus stays on the sheet (one Tab stop), and
  // aria-activedescendant names the cell, read with its row and column headers and its value.
  const active = selection?.focus
  const activeShown = active && view.rowIndex.has(active.rowId) ? active : null

  return (
    <>
      <p id="grid-keys" className="visually-hidden">
        Arrows move, Shift and arrows select, Enter or F2 edits, Delete clears, Tab leaves the
        sheet.
      </p>
      <div
        ref={scrollRef}
        className="grid-scroll"
        data-testid="grid"
        role="grid"
        aria-label="Sheet"
        aria-multiselectable="true"
        aria-readonly={readOnly || undefined}
        aria-rowcount={view.rowIds.length + 1}
        aria-colcount={view.colIds.length + 1}
        aria-activedescendant={
          activeShown ? cellDomId(activeShown.rowId, activeShown.colId) : undefined
        }
        aria-describedby="grid-keys"
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          // Arriving by keyboard with nothing selected selects A1 (in view order), so there is a
          // focused cell to show and announce; a click selects its own cell instead.
          if (e.target !== e.currentTarget || selection) return
          if (!e.currentTarget.matches(':focus-visible')) return
          move(0, 0, false)
        }}
      >
        <div style={{ width: ROW_HEADER_WIDTH + bodyWidth, minWidth: '100%' }}>
          <ColumnHeaders
            grid={grid}
            colIds={view.colIds}
            widths={widths}
            lefts={lefts}
            sorting={props.sorting}
            onSort={props.onSort}
            selected={rect ? [rect.left, rect.right] : null}
            onResize={columns.preview}
            onResizeEnd={columns.commit}
            readOnly={props.readOnly === true}
            onSelectColumn={(c) => {
              const column = selectColumn(view, c)
              if (column) onSelection(column)
            }}
          />
          <div
            className="grid-body"
            style={{ height: virtualizer.getTotalSize() }}
            onMouseDown={body.onMouseDown}
            onMouseMove={body.onMouseMove}
            onDoubleClick={body.onDoubleClick}
          >
            {virtualizer.getVirtualItems().map((item) => {
              const rowId = view.rowIds[item.index] as string
              return (
                <GridRow
                  key={rowId}
                  rowId={rowId}
                  viewRow={item.index + 2}
                  position={layout.rowIndex.get(rowId) ?? 0}
                  top={item.start}
                  colIds={view.colIds}
                  widths={widths}
                  colIndex={layout.colIndex}
                  evaluator={evaluator}
                  version={version}
                  active={rect !== null && item.index >= rect.top && item.index <= rect.bottom}
                />
              )
            })}
            {remote.map((r) => {
              const rr = selectionRect(r.selection, view)
              return rr ? (
                <SelectionBox
                  key={r.clientId}
                  {...box(rr)}
                  color={r.user.color}
                  label={r.user.name}
                />
              ) : null
            })}
            {rect && <SelectionBox {...box(rect)} color="var(--accent)" local />}
            {editing && editRect && !props.readOnly && (
              <CellEditor
                key={`${editing.rowId}:${editing.colId}`}
                {...box(editRect)}
                address={`${columnLetter(editRect.left)}${(layout.rowIndex.get(editing.rowId) ?? 0) + 1}`}
                initial={editing.initial}
                replace={editing.replace}
                onDone={finishEdit}
              />
            )}
          </div>
        </div>
      </div>
    </>
  )
}
