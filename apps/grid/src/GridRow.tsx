// biome-ignore-all lint/a11y/useSemanticElements: a virtualised sheet of absolutely placed divs cannot be a <table>; the ARIA grid roles give it the same semantics.
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are reached through the sheet's aria-activedescendant (one Tab stop), as the ARIA grid pattern allows.
import { cellAddress, type FormulaEvaluator } from '@weft/grid-model'
import { memo, useMemo } from 'react'
import { type GlyphWidths, textFits } from './cellFit.ts'
import { spillWidth } from './spill.ts'

type Props = {
  rowId: string
  /** 1-based row number in this user's view, counting the header row (aria-rowindex). */
  viewRow: number
  /** Place in the sheet (what A1 addresses count), not in this user's sorted view. */
  position: number
  top: number
  colIds: string[]
  widths: number[]
  colIndex: Map<string, number>
  evaluator: FormulaEvaluator
  /** Document version: rows re-render when the document changes, not on every scroll. */
  version: number
  active: boolean
  /** The column of the sheet's active cell when it is in this row: that cell carries the id. */
  focusColId: string | null
  /** The cells' character widths (cellFit.ts), null until measured: every cell clips until then. */
  glyphs: GlyphWidths | null
}

/** The element id of a row, what the sheet's aria-owns lists in view order. */
export function rowDomId(rowId: string): string {
  return `row:${rowId}`
}

/** The element id of a cell, what the sheet's aria-activedescendant names. */
export function cellDomId(rowId: string, colId: string): string {
  return `cell:${rowId}:${colId}`
}

/**
 * One visible row. Memoised, and free of per-cell handlers (GridView
 * delegates mouse events), so scrolling renders only rows that came into view;
 * GridView keys rows by their slot on screen, so a row coming into view reuses
 * the elements of one that left instead of creating 27 new ones.
 */
export const GridRow = memo(function GridRow(props: Props) {
  const { rowId, position, colIds, widths, colIndex, evaluator } = props
  // Each cell's shown text, read once: the spill of a cell reads its neighbours' too.
  const texts = colIds.map((colId) => evaluator.display(rowId, colId))
  const textAt = (i: number) => texts[i] as string
  // The same style object per width from render to render: React then skips comparing it.
  const cellStyles = useMemo(() => widths.map((width) => ({ width })), [widths])
  return (
    <div
      id={rowDomId(rowId)}
      className="grid-row"
      role="row"
      aria-rowindex={props.viewRow}
      data-row-id={rowId}
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <div
        className={`row-header${props.active ? ' active' : ''}`}
        role="rowheader"
        aria-colindex={1}
        data-row-header=""
      >
        {position + 1}
      </div>
      {colIds.map((colId, c) => {
        const result = evaluator.evaluate(rowId, colId)
        const text = texts[c] as string
        const kind = result.error ? ' err' : typeof result.value === 'number' ? ' num' : ''
        // Text runs on over empty cells to its right, as in every spreadsheet, not cut with "…".
        const spill = kind === '' && text !== '' ? spillWidth(widths, c, textAt) : 0
        // A text that surely fits is not clipped: a clip on every cell doubled a flick's paint
        // (cellFit.ts). One that may not fit is cut with "…" as before.
        const fits = spill === 0 && textFits(text, widths[c] ?? 0, kind === ' num', props.glyphs)
        return (
          <div
            key={colId}
            id={colId === props.focusColId ? cellDomId(rowId, colId) : undefined}
            role="gridcell"
            aria-colindex={c + 2}
            className={`cell${kind}${spill ? ' spills' : fits ? ' fits' : ''}`}
            style={cellStyles[c]}
            data-col-id={colId}
            data-cell={cellAddress(position, colIndex.get(colId) ?? c)}
            title={text.length > 20 ? text : undefined}
          >
            {spill ? (
              <span className="spill" style={{ width: spill }}>
                {text}
              </span>
            ) : (
              text
            )}
          </div>
        )
      })}
    </div>
  )
})
