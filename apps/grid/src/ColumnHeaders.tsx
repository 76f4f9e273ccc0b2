// biome-ignore-all lint/a11y/useSemanticElements: the header row of a virtualised div sheet, with the ARIA grid roles a <table> would have.
// biome-ignore-all lint/a11y/useFocusableInteractive: headers are not Tab stops; their sort buttons are.
// biome-ignore-all lint/a11y/noStaticElementInteractions: mouse handlers on cells and headers mirror
// commands the focused grid container already offers from the keyboard (arrows, Shift, F2, toolbar).
import type { SortingState } from '@tanstack/react-table'
import { columnLetter } from '@weft/grid-model'
import { resizedWidth } from './columnResize.ts'
import type { Grid } from './grid.ts'
import { HeaderCorner } from './HeaderCorner.tsx'

type Props = {
  grid: Grid
  colIds: string[]
  widths: number[]
  lefts: number[]
  sorting: SortingState
  selected: [number, number] | null
  onSort: (colId: string) => void
  onSelectColumn: (index: number) => void
  /** Live width while dragging (local only); onResizeEnd writes it to the sheet. */
  onResize: (colId: string, width: number) => void
  onResizeEnd: (colId: string, width: number) => void
  /** View only: no renaming, no resizing (sorting stays: it is this user's view). */
  readOnly?: boolean
}

/** The column headers' row element id: the sheet lists it first in its rows' order (aria-owns). */
export const HEADER_ROW_ID = 'sheet-header-row'

/**
 * Letters (and optional names) over each column. Click selects the column,
 * the arrow sorts this user's view, double-click renames, the right edge
 * resizes for everyone.
 */
export function ColumnHeaders(props: Props) {
  const { grid, colIds, widths, sorting } = props

  const startResize = (e: React.PointerEvent, colId: string, start: number) => {
    e.preventDefault()
    e.stopPropagation()
    const x0 = e.clientX
    let width = start
    const onMove = (ev: PointerEvent) => {
      width = resizedWidth(start, x0, ev.clientX)
      props.onResize(colId, width)
    }
    const onUp = () => {
      window.removeEventListener('pointermove', onMove)
      window.removeEventListener('pointerup', onUp)
      if (width !== start) props.onResizeEnd(colId, width)
    }
    window.addEventListener('pointermove', onMove)
    window.addEventListener('pointerup', onUp)
  }

  return (
    <div id={HEADER_ROW_ID} className="grid-header" role="row" aria-rowindex={1}>
      <HeaderCorner />
      {colIds.map((colId, i) => {
        const meta = grid.model.column(colId)
        const sort = sorting.find((s) => s.id === colId)
        const active = props.selected && i >= props.selected[0] && i <= props.selected[1]
        return (
          <div
            key={colId}
            role="columnheader"
            aria-colindex={i + 2}
            aria-sort={sort ? (sort.desc ? 'descending' : 'ascending') : undefined}
            className={`col-header${active ? ' active' : ''}`}
            style={{ width: widths[i] }}
            data-col={columnLetter(i)}
            onMouseDown={() => props.onSelectColumn(i)}
            onDoubleClick={() => {
              if (props.readOnly) return
              const name = window.prompt(`Name for column ${columnLetter(i)}`, meta?.name ?? '')
              if (name !== null) grid.model.updateColumn(colId, { name })
            }}
          >
            <span className="col-letter">
              <span className="visually-hidden">Column </span>
              {columnLetter(i)}
            </span>
            {meta?.name && <span className="col-name">{meta.name}</span>}
            <button
              type="button"
              className={`sort${sort ? ' on' : ''}`}
              title="Sort my view by this column (others are not affected)"
              aria-label={`Sort by column ${columnLetter(i)}`}
              onMouseDown={(e) => e.stopPropagation()}
              onClick={() => props.onSort(colId)}
            >
              {sort ? (sort.desc ? '▼' : '▲') : '↕'}
            </button>
            {!props.readOnly && (
              <span
                aria-hidden="true"
                className="resize-handle"
                data-testid={`resize-${columnLetter(i)}`}
                onPointerDown={(e) => startResize(e, colId, widths[i] ?? 120)}
                onMouseDown={(e) => e.stopPropagation()}
              />
            )}
          </div>
        )
      })}
    </div>
  )
}
