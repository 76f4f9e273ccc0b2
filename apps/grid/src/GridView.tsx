// biome-ignore-all lint/a11y/useSemanticElements: a virtualised sheet cannot be a <table>; role=grid gives it a table's semantics.
// biome-ignore-all lint/a11y/noStaticElementInteractions: mouse handlers on cells and headers mirror
// commands the focused grid container already offers from the keyboard (arrows, Shift, F2, toolbar).
// biome-ignore-all lint/a11y/noNoninteractiveTabindex: the sheet container is the keyboard target, as in any spreadsheet.
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Identity } from '@weft/client'
import { cellAddress, columnLetter, type GridModel } from '@weft/grid-model'
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { CellEditor, type EditorHandle, type ViewCell } from './CellEditor.tsx'
import { ColumnHeaders, HEADER_ROW_ID } from './ColumnHeaders.tsx'
import { type GlyphWidths, measureGlyphWidths } from './cellFit.ts'
import { dataEdge, usedExtent } from './dataJump.ts'
import { clearRect, fillRect, type ViewOrder } from './editing.ts'
import { cellDomId, GridRow, rowDomId } from './GridRow.tsx'
import { columnOffsets, HEADER_HEIGHT, ROW_HEADER_WIDTH, ROW_HEIGHT } from './geometry.ts'
import type { Grid } from './grid.ts'
import { handleGridKey, type Jump } from './gridKeys.ts'
import {
  moveSelection,
  scrollLeftToShow,
  selectAll,
  selectColumn,
  selectionTo,
} from './navigation.ts'
import { bodyHit } from './pointerSelection.ts'
import { assignSlots } from './rowSlots.ts'
import { type RemoteSelection, SelectionBox } from './SelectionBox.tsx'
import { clamp, type Rect, type Selection, selectionRect } from './selection.ts'
import { useCellEditing } from './useCellEditing.ts'
import { useColumnWidths } from './useColumnWidths.ts'
import { useDragSelection } from './useDragSelection.ts'
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
  /** The open editor's text as it is typed (the formula bar shows it), null when none is open. */
  onDraft?: (text: string | null) => void
  /** View only (a read link) or a past version: selecting, copying, sorting and filtering; no editing. */
  readOnly?: boolean
}

/** The sheet's element id: the formula bar hands focus back to it after an edit. */
export const SHEET_ID = 'sheet'

type Block = { anchor: ViewCell; focus: ViewCell }

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
  const { lefts, total: bodyWidth } = useMemo(() => columnOffsets(widths), [widths])

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: view.rowIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // Rows start below the sticky column headers, so a row scrolled to the bottom edge needs
    // the headers' height more to be fully on screen.
    scrollPaddingEnd: HEADER_HEIGHT,
  })

  // The cells' character widths, measured once the sheet is in the page: which texts surely fit
  // their cell and need no clip (cellFit.ts). Until then every cell clips, as it always did.
  const [glyphs, setGlyphs] = useState<GlyphWidths | null>(null)
  useLayoutEffect(() => {
    if (scrollRef.current) setGlyphs(measureGlyphWidths(scrollRef.current))
  }, [])

  // Each row on screen in the element (slot) it keeps while it stays there (rowSlots.ts).
  const slotsRef = useRef(new Map<number, number>())
  const items = virtualizer.getVirtualItems()
  const slots = assignSlots(
    slotsRef.current,
    items.map((item) => item.index),
  )
  slotsRef.current = slots
  const slotted = items
    .map((item) => ({ item, slot: slots.get(item.index) as number }))
    .sort((a, b) => a.slot - b.slot)

  const rect = selection ? selectionRect(selection, view) : null

  // The same element while none of its inputs changes, so a scroll frame (which renders this
  // view again) does not render the 26 column headers again. They read column names from the
  // document, so a document change (`version`) renders them.
  const [selectedLeft, selectedRight] = rect ? [rect.left, rect.right] : [-1, -1]
  const { preview: previewWidth, commit: commitWidth } = columns
  // biome-ignore lint/correctness/useExhaustiveDependencies: version stands for the column names ColumnHeaders reads from the document.
  const headers = useMemo(
    () => (
      <ColumnHeaders
        grid={grid}
        colIds={view.colIds}
        widths={widths}
        lefts={lefts}
        sorting={props.sorting}
        onSort={props.onSort}
        selected={selectedLeft < 0 ? null : [selectedLeft, selectedRight]}
        onResize={previewWidth}
        onResizeEnd={commitWidth}
        readOnly={props.readOnly === true}
        onSelectColumn={(c) => {
          const column = selectColumn(view, c)
          if (column) onSelection(column)
        }}
      />
    ),
    [
      version,
      grid,
      view,
      widths,
      lefts,
      props.sorting,
      props.onSort,
      selectedLeft,
      selectedRight,
      previewWidth,
      commitWidth,
      props.readOnly,
      onSelection,
    ],
  )

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

  /** Ctrl+Arrow, Home/End, Ctrl+Home/End, PageUp/PageDown: the cell each names, kept on screen. */
  const jump = useCallback(
    (j: Jump, extend: boolean) => {
      if (!selection) return move(0, 0, false)
      const r = view.rowIndex.get(selection.focus.rowId) ?? 0
      const c = view.colIndex.get(selection.focus.colId) ?? 0
      const filled = (row: number, col: number) =>
        model.getValue(view.rowIds[row] ?? '', view.colIds[col] ?? '') !== ''
      const size = { rows: view.rowIds.length, cols: view.colIds.length }
      const perPage = Math.max(
        1,
        Math.floor(((scrollRef.current?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT) - 1,
      )
      const target =
        j.to === 'dataEdge'
          ? dataEdge(filled, size, { row: r, col: c }, j.dRow, j.dCol)
          : j.to === 'rowStart'
            ? { row: r, col: 0 }
            : j.to === 'rowEnd'
              ? { row: r, col: size.cols - 1 }
              : j.to === 'sheetStart'
                ? { row: 0, col: 0 }
                : j.to === 'page'
                  ? { row: r + j.dir * perPage, col: c }
                  : usedExtent(filledCells(model, view))
      const moved = selectionTo(selection, view, target.row, target.col, extend)
      if (!moved) return
      onSelection(moved.selection)
      scrollIntoView(moved.row, moved.col)
    },
    [selection, view, model, move, onSelection, scrollIntoView],
  )

  const onDraft = props.onDraft ?? noDraft
  const { editing, editCell, startEdit, finishEdit } = useCellEditing({
    model,
    author,
    selection,
    onFinished: useCallback(
      (then?: [number, number]) => {
        onDraft(null)
        focusGrid()
        if (then) move(then[0], then[1], false)
      },
      [focusGrid, move, onDraft],
    ),
  })

  // Pointing at cells while a formula is typed (CellEditor): the block shown and its A1 text.
  const editor = useRef<EditorHandle | null>(null)
  const [pointed, setPointed] = useState<Block | null>(null)
  const pointing = useRef(false)
  const refFor = useCallback(
    (a: ViewCell, f: ViewCell) => {
      const fit = (c: ViewCell) => ({
        row: clamp(c.row, 0, view.rowIds.length - 1),
        col: clamp(c.col, 0, view.colIds.length - 1),
      })
      const anchor = fit(a)
      const focus = fit(f)
      // A1 counts the sheet's order, also when this user's view is sorted.
      const sheetRow = (r: number) => layout.rowIndex.get(view.rowIds[r] ?? '') ?? 0
      const r1 = sheetRow(anchor.row)
      const r2 = sheetRow(focus.row)
      const top = cellAddress(Math.min(r1, r2), Math.min(anchor.col, focus.col))
      const bottom = cellAddress(Math.max(r1, r2), Math.max(anchor.col, focus.col))
      return { ref: top === bottom ? top : `${top}:${bottom}`, anchor, focus }
    },
    [view, layout],
  )
  const hitCell = (target: EventTarget): ViewCell | null => {
    const hit = bodyHit(target as Element)
    const row = hit ? view.rowIndex.get(hit.rowId) : undefined
    const col = hit?.colId ? view.colIndex.get(hit.colId) : undefined
    return row === undefined || col === undefined ? null : { row, col }
  }

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Keys on the sort buttons inside the sheet are theirs (Enter sorts, not edits).
    if (editing || e.target !== e.currentTarget) return
    const write = <A extends unknown[]>(action: (...args: A) => unknown) =>
      readOnly ? () => {} : action
    handleGridKey(e, {
      move,
      jump,
      edit: write(startEdit),
      clear: write(() => rect && clearRect(model, author, view, rect)),
      undo: write(() => grid.undo.undo()),
      redo: write(() => grid.undo.redo()),
      fill: write(
        (direction: 'down' | 'right') => rect && fillRect(model, author, view, rect, direction),
      ),
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
      // A click elsewhere keeps what was typed, as in any spreadsheet.
      if (editing) finishEdit(editor.current?.text() ?? null)
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
        Arrows move, Shift and arrows select, Ctrl and arrows jump to the edge of the data, Home,
        End, Page Up and Page Down move further, Enter or F2 edits, Delete clears, Ctrl+D and Ctrl+R
        fill down and right, Tab leaves the sheet.
      </p>
      <div
        ref={scrollRef}
        className={`grid-scroll${props.sorting.length || props.columnFilters.length ? ' view-active' : ''}`}
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
        // The rows in the order they are on screen: their elements stay in the order of their
        // slots (rowSlots.ts), which after a scroll is not it, and assistive technology reads
        // the DOM's order unless told.
        aria-owns={[
          HEADER_ROW_ID,
          ...items.map((item) => rowDomId(view.rowIds[item.index] as string)),
        ].join(' ')}
        id={SHEET_ID}
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
          {headers}
          <div
            className="grid-body"
            style={{ height: virtualizer.getTotalSize() }}
            onMouseDown={(e) => {
              const cell = hitCell(e.target)
              if (editing && cell && editor.current?.canPoint()) {
                // The editor keeps focus; the click (and a drag from it) names cells instead.
                e.preventDefault()
                pointing.current = true
                editor.current.point(cell, cell)
                window.addEventListener('mouseup', () => (pointing.current = false), { once: true })
                return
              }
              body.onMouseDown(e)
            }}
            onMouseMove={(e) => {
              if (!pointing.current) return body.onMouseMove(e)
              const cell = hitCell(e.target)
              const from = pointed?.anchor
              if (
                cell &&
                from &&
                (cell.row !== pointed.focus.row || cell.col !== pointed.focus.col)
              )
                editor.current?.point(from, cell)
            }}
            onDoubleClick={body.onDoubleClick}
          >
            {slotted.map(({ item, slot }) => {
              const rowId = view.rowIds[item.index] as string
              return (
                <GridRow
                  // By slot, in slot order: a row staying on screen keeps its element (and is
                  // not rendered again), one coming into view takes over the elements of one
                  // that left, and no element moves. Keyed by row id (or by index), a flick
                  // created and removed ~1,000 elements per frame.
                  key={slot}
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
                  focusColId={activeShown?.rowId === rowId ? activeShown.colId : null}
                  glyphs={glyphs}
                />
              )
            })}
            {remote.map((r) => {
              const rr = selectionRect(r.selection, view)
              return rr ? (
                <SelectionBox
                  // A new key per place restarts the name label's show-then-fade.
                  key={`${r.clientId}:${rr.top}:${rr.left}:${rr.bottom}:${rr.right}`}
                  {...box(rr)}
                  color={r.user.color}
                  label={r.user.name}
                />
              ) : null
            })}
            {rect && <SelectionBox {...box(rect)} color="var(--accent)" local />}
            {editing && pointed && (
              <div
                aria-hidden="true"
                className="selection pointed"
                data-testid="pointed-range"
                style={box(selectionRect(blockSelection(pointed, view), view) as Rect)}
              />
            )}
            {editing && editRect && !props.readOnly && (
              <CellEditor
                key={`${editing.rowId}:${editing.colId}`}
                {...box(editRect)}
                address={`${columnLetter(editRect.left)}${(layout.rowIndex.get(editing.rowId) ?? 0) + 1}`}
                initial={editing.initial}
                replace={editing.replace}
                origin={{ row: editRect.top, col: editRect.left }}
                refFor={refFor}
                onPointed={setPointed}
                onText={onDraft}
                handle={editor}
                onDone={finishEdit}
              />
            )}
          </div>
        </div>
      </div>
    </>
  )
}

/** A block of view indices as a selection by ids (to reuse selectionRect). */
function blockSelection(b: Block, view: ViewOrder): Selection {
  const at = (c: ViewCell) => ({
    rowId: view.rowIds[c.row] ?? '',
    colId: view.colIds[c.col] ?? '',
  })
  return { anchor: at(b.anchor), focus: at(b.focus) }
}

/** Every non-empty cell of the sheet, as view indices (rows hidden by a filter left out). */
function* filledCells(model: GridModel, view: ViewOrder): Generator<ViewCell> {
  for (const [rowId, colId] of model.filledCells()) {
    const row = view.rowIndex.get(rowId)
    const col = view.colIndex.get(colId)
    if (row !== undefined && col !== undefined) yield { row, col }
  }
}

function noDraft(): void {}
