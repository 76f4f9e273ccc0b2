import { cellAddress, type FormulaEvaluator } from '@weft/grid-model'
import { memo } from 'react'

type Props = {
  rowId: string
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
}

/**
 * One visible row. Memoised, and free of per-cell handlers (GridView
 * delegates mouse events), so scrolling renders only rows that came into view.
 */
export const GridRow = memo(function GridRow(props: Props) {
  const { rowId, position, colIds, widths, colIndex, evaluator } = props
  return (
    <div
      className="grid-row"
      data-row-id={rowId}
      style={{ transform: `translateY(${props.top}px)` }}
    >
      <div className={`row-header${props.active ? ' active' : ''}`} data-row-header="">
        {position + 1}
      </div>
      {colIds.map((colId, c) => {
        const result = evaluator.evaluate(rowId, colId)
        const text = evaluator.display(rowId, colId)
        const kind = result.error ? ' err' : typeof result.value === 'number' ? ' num' : ''
        return (
          <div
            key={colId}
            className={`cell${kind}`}
            style={{ width: widths[c] }}
            data-col-id={colId}
            data-cell={cellAddress(position, colIndex.get(colId) ?? c)}
            title={text.length > 20 ? text : undefined}
          >
            {text}
          </div>
        )
      })}
    </div>
  )
})
