// biome-ignore-all lint/a11y/useSemanticElements: a cell of the div sheet's ARIA grid header row, as a <table> would have.
// biome-ignore-all lint/a11y/useFocusableInteractive: headers are not Tab stops, as in ColumnHeaders.
import { ROW_HEADER_WIDTH } from './geometry.ts'

/** The top-left cell above the row numbers, in the live sheet's header and its first screen. */
export function HeaderCorner() {
  return (
    <div
      className="corner"
      role="columnheader"
      aria-colindex={1}
      style={{ width: ROW_HEADER_WIDTH }}
    >
      <span className="visually-hidden">Row</span>
    </div>
  )
}
