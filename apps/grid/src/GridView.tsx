// biome-ignore-all lint/a11y/noStaticElementInteractions: mouse handlers on cells and headers mirror
// commands the focused grid container already offers from the keyboard (arrows, Shift, F2, toolbar).
// biome-ignore-all lint/a11y/noNoninteractiveTabindex: the sheet container is the keyboard target, as in any spreadsheet.
import type { ColumnFiltersState, SortingState } from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Identity } from '@weft/client'
import { columnLetter } from '@weft/grid-model'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { CellEditor } from './CellEditor.tsx'
import { ColumnHeaders } from './ColumnHeaders.tsx'
import {
  clearRect,
  commitText,
  copyRect,
  editableText,
  pasteTsv,
  type ViewOrder,
} from './editing.ts'
import { GridRow } from './GridRow.tsx'
import { columnOffsets, ROW_HEADER_WIDTH, ROW_HEIGHT } from './geometry.ts'
import { handleGridKey } from './gridKeys.ts'
import { type RemoteSelection, SelectionBox } from './SelectionBox.tsx'
import { clamp, type Rect, type Selection, selectionRect } from './selection.ts'
import type { Grid } from './useGrid.ts'
import { useGridTable } from './useGridTable.ts'

export type Editing = { rowId: string; colId: string; initial: string; replace: boolean }

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
}

export function GridView(props: Props) {
  const { grid, version, identity, selection, onSelection, remote } = props
  const { model, evaluator } = grid
  const author = useMemo(() => ({ id: identity.id, name: identity.name }), [identity])
  const table = useGridTable(grid, version, props.sorting, props.columnFilters)
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

  const [dragWidths, setDragWidths] = useState<Record<string, number>>({})
  // biome-ignore lint/correctness/useExhaustiveDependencies: widths live in the doc; version signals changes
  const widths = useMemo(
    () => layout.colIds.map((id) => dragWidths[id] ?? model.column(id)?.width ?? 120),
    [layout, dragWidths, version, model],
  )
  const { lefts, total: bodyWidth } = columnOffsets(widths)

  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: view.rowIds.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  })

  const [editing, setEditing] = useState<Editing | null>(null)
  const rect = selection ? selectionRect(selection, view) : null

  const cellAt = useCallback(
    (r: number, c: number) => {
      const rowId = view.rowIds[clamp(r, 0, view.rowIds.length - 1)]
      const colId = view.colIds[clamp(c, 0, view.colIds.length - 1)]
      return rowId && colId ? { rowId, colId } : null
    },
    [view],
  )

  const focusGrid = useCallback(() => scrollRef.current?.focus({ preventScroll: true }), [])

  const scrollIntoView = useCallback(
    (r: number, c: number) => {
      virtualizer.scrollToIndex(r, { align: 'auto' })
      const el = scrollRef.current
      const left = lefts[c] ?? 0
      const width = widths[c] ?? 0
      if (!el) return
      const visibleLeft = el.scrollLeft
      const visibleRight = el.scrollLeft + el.clientWidth - ROW_HEADER_WIDTH
      if (left < visibleLeft) el.scrollLeft = left
      else if (left + width > visibleRight)
        el.scrollLeft = left + width - el.clientWidth + ROW_HEADER_WIDTH
    },
    [virtualizer, lefts, widths],
  )

  const move = useCallback(
    (dRow: number, dCol: number, extend: boolean) => {
      if (!selection) {
        const first = cellAt(0, 0)
        if (first) onSelection({ anchor: first, focus: first })
        return
      }
      const r = view.rowIndex.get(selection.focus.rowId) ?? 0
      const c = view.colIndex.get(selection.focus.colId) ?? 0
      const nr = clamp(r + dRow, 0, view.rowIds.length - 1)
      const nc = clamp(c + dCol, 0, view.colIds.length - 1)
      const next = cellAt(nr, nc)
      if (!next) return
      onSelection(
        extend ? { anchor: selection.anchor, focus: next } : { anchor: next, focus: next },
      )
      scrollIntoView(nr, nc)
    },
    [selection, view, cellAt, onSelection, scrollIntoView],
  )

  const startEdit = useCallback(
    (initial?: string) => {
      if (!selection) return
      const { rowId, colId } = selection.focus
      setEditing({
        rowId,
        colId,
        initial: initial ?? editableText(model, rowId, colId),
        replace: initial !== undefined,
      })
    },
    [selection, model],
  )

  const finishEdit = useCallback(
    (text: string | null, then?: [number, number]) => {
      if (editing && text !== null) commitText(model, author, editing.rowId, editing.colId, text)
      setEditing(null)
      focusGrid()
      if (then) move(then[0], then[1], false)
    },
    [editing, model, author, move, focusGrid],
  )

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (editing) return
    handleGridKey(e, {
      move,
      edit: startEdit,
      clear: () => rect && clearRect(model, author, view, rect),
      undo: () => grid.undo.undo(),
      redo: () => grid.undo.redo(),
      selectAll: () => {
        const a = cellAt(0, 0)
        const b = cellAt(view.rowIds.length - 1, view.colIds.length - 1)
        if (a && b) onSelection({ anchor: a, focus: b })
      },
    })
  }

  // Clipboard events go to the document when a plain div has focus, so
  // listen there and act only while the grid (not an input) is focused.
  useEffect(() => {
    const active = () => document.activeElement === scrollRef.current && rect !== null
    const onCopy = (e: ClipboardEvent) => {
      if (!active() || !rect) return
      e.clipboardData?.setData('text/plain', copyRect(evaluator, view, rect))
      e.preventDefault()
    }
    const onCut = (e: ClipboardEvent) => {
      if (!active() || !rect) return
      onCopy(e)
      clearRect(model, author, view, rect)
    }
    const onPaste = (e: ClipboardEvent) => {
      if (!active() || !rect) return
      const text = e.clipboardData?.getData('text/plain') ?? ''
      e.preventDefault()
      if (!text) return
      const written = pasteTsv(model, author, view, rect.top, rect.left, text)
      if (!written) return
      // Select what was pasted, so the user sees the block that arrived.
      const a = cellAt(written.top, written.left)
      const latest = model.layout()
      const b = {
        rowId: view.rowIds[written.bottom] ?? latest.rowIds[latest.rowIds.length - 1] ?? '',
        colId: view.colIds[written.right] ?? latest.colIds[latest.colIds.length - 1] ?? '',
      }
      if (a) onSelection({ anchor: a, focus: b })
    }
    document.addEventListener('copy', onCopy)
    document.addEventListener('cut', onCut)
    document.addEventListener('paste', onPaste)
    return () => {
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('cut', onCut)
      document.removeEventListener('paste', onPaste)
    }
  }, [rect, view, model, author, evaluator, cellAt, onSelection])

  // Mouse: press selects (Shift extends), dragging extends, double-click edits.
  const dragging = useRef(false)
  useEffect(() => {
    const up = () => {
      dragging.current = false
    }
    window.addEventListener('mouseup', up)
    return () => window.removeEventListener('mouseup', up)
  }, [])

  // Mouse events are delegated here from the rows (see GridRow).
  const hit = (e: React.MouseEvent) => {
    const target = e.target as HTMLElement
    const rowId = target.closest<HTMLElement>('[data-row-id]')?.dataset.rowId
    const colId = target.closest<HTMLElement>('[data-col-id]')?.dataset.colId
    const header = target.closest('[data-row-header]') !== null
    return rowId ? { rowId, colId, header } : null
  }
  const onBodyMouseDown = (e: React.MouseEvent) => {
    const h = hit(e)
    if (!h) return
    if (editing) finishEdit(null)
    e.preventDefault()
    focusGrid()
    if (h.header) {
      const first = view.colIds[0]
      const last = view.colIds[view.colIds.length - 1]
      if (first && last) {
        onSelection({
          anchor: { rowId: h.rowId, colId: first },
          focus: { rowId: h.rowId, colId: last },
        })
      }
      return
    }
    if (!h.colId) return
    const cell = { rowId: h.rowId, colId: h.colId }
    onSelection(
      e.shiftKey && selection
        ? { anchor: selection.anchor, focus: cell }
        : { anchor: cell, focus: cell },
    )
    dragging.current = true
  }
  const onBodyMouseMove = (e: React.MouseEvent) => {
    if (!dragging.current || !selection) return
    const h = hit(e)
    if (!h?.colId) return
    if (h.rowId === selection.focus.rowId && h.colId === selection.focus.colId) return
    onSelection({ anchor: selection.anchor, focus: { rowId: h.rowId, colId: h.colId } })
  }
  const onBodyDoubleClick = (e: React.MouseEvent) => {
    const h = hit(e)
    if (!h?.colId) return
    setEditing({
      rowId: h.rowId,
      colId: h.colId,
      initial: editableText(model, h.rowId, h.colId),
      replace: false,
    })
  }

  const box = (r: Rect) => ({
    top: r.top * ROW_HEIGHT,
    left: ROW_HEADER_WIDTH + (lefts[r.left] ?? 0),
    width: (lefts[r.right] ?? 0) + (widths[r.right] ?? 0) - (lefts[r.left] ?? 0),
    height: (r.bottom - r.top + 1) * ROW_HEIGHT,
  })

  const editRect = editing ? selectionRect({ anchor: editing, focus: editing }, view) : null

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      data-testid="grid"
      tabIndex={0}
      onKeyDown={onKeyDown}
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
          onResize={(colId, width) => setDragWidths((w) => ({ ...w, [colId]: width }))}
          onResizeEnd={(colId, width) => {
            model.updateColumn(colId, { width })
            setDragWidths(({ [colId]: _, ...rest }) => rest)
          }}
          onSelectColumn={(c) => {
            const a = cellAt(0, c)
            const b = cellAt(view.rowIds.length - 1, c)
            if (a && b) onSelection({ anchor: a, focus: b })
          }}
        />
        <div
          className="grid-body"
          style={{ height: virtualizer.getTotalSize() }}
          onMouseDown={onBodyMouseDown}
          onMouseMove={onBodyMouseMove}
          onDoubleClick={onBodyDoubleClick}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const rowId = view.rowIds[item.index] as string
            return (
              <GridRow
                key={rowId}
                rowId={rowId}
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
          {editing && editRect && (
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
  )
}
