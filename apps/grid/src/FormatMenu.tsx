import { type CellFormat, type FormatKind, hasDecimals, stepDecimals } from '@weft/grid-model'
import type { Grid } from './grid.ts'

/** The Format menu's entries, with a sample as Sheets shows one. */
const KINDS: ReadonlyArray<[FormatKind, string]> = [
  ['auto', 'Automatic'],
  ['text', 'Plain text'],
  ['number', 'Number 1,234.56'],
  ['percent', 'Percent 12.34%'],
  ['currency', 'Currency $1,234.56'],
  ['scientific', 'Scientific 1.01E+03'],
  ['date', 'Date 9/26/2008'],
  ['time', 'Time 3:59:00 PM'],
  ['datetime', 'Date time 9/26/2008 15:59:00'],
]

type Props = {
  grid: Grid
  /** The selected rows and columns, in sheet order; null when nothing is selected. */
  rowIds: string[] | null
  colIds: string[] | null
  focus: { rowId: string; colId: string } | undefined
}

/**
 * Number formats for the selection: stored per cell in the document (every user sees them), and
 * only the display changes: the value, the formula bar and what formulas compute stay raw.
 */
export function FormatMenu({ grid, rowIds, colIds, focus }: Props) {
  const { model, evaluator } = grid
  const current = focus ? model.getFormat(focus.rowId, focus.colId) : undefined
  const cells =
    rowIds && colIds ? rowIds.flatMap((rowId) => colIds.map((colId) => ({ rowId, colId }))) : []
  const apply = (
    format: CellFormat | null | ((old: CellFormat | undefined) => CellFormat | null),
  ) => model.setFormats(cells, format)
  const step = (by: 1 | -1) => {
    if (!focus) return
    // The focused cell decides the new digits for the whole selection, as in Sheets.
    const next = stepDecimals(current, evaluator.evaluate(focus.rowId, focus.colId).value, by)
    apply((old) => (old && hasDecimals(old.kind) ? stepDecimals(old, null, by) : next))
  }
  return (
    <fieldset aria-label="Number format" className="tool-group">
      <label>
        <span className="visually-hidden">Number format</span>
        <select
          data-testid="number-format"
          disabled={cells.length === 0}
          value={current?.kind ?? 'auto'}
          onChange={(e) => {
            const kind = e.target.value as FormatKind
            apply(kind === 'auto' ? null : { kind })
          }}
        >
          {KINDS.map(([kind, label]) => (
            <option key={kind} value={kind}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={cells.length === 0}
        onClick={() => step(-1)}
        title="Decrease decimal places"
      >
        <span aria-hidden="true">.0←</span>
        <span className="visually-hidden">Decrease decimal places</span>
      </button>
      <button
        type="button"
        disabled={cells.length === 0}
        onClick={() => step(1)}
        title="Increase decimal places"
      >
        <span aria-hidden="true">.00→</span>
        <span className="visually-hidden">Increase decimal places</span>
      </button>
    </fieldset>
  )
}
