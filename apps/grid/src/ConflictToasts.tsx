import { cellAddress, toDisplayFormula } from '@weft/grid-model'
import type { Grid } from './useGrid.ts'
import type { OverwriteNotice } from './useOverwrites.ts'

type Props = { items: OverwriteNotice[]; grid: Grid | null; onDismiss: (key: number) => void }

/** "Your value in B3 was replaced": the losing side of a same-cell race learns who won, and with what. */
export function ConflictToasts({ items, grid, onDismiss }: Props) {
  if (!grid || items.length === 0) return null
  const layout = grid.model.layout()
  return (
    <div className="toasts" aria-live="polite">
      {items.map((o) => {
        const r = layout.rowIndex.get(o.rowId)
        const c = layout.colIndex.get(o.colId)
        const where = r !== undefined && c !== undefined ? cellAddress(r, c) : 'a cell'
        return (
          <div key={o.key} className="toast" data-testid="conflict-toast" role="status">
            <div>
              Your value in <b>{where}</b> (“{toDisplayFormula(o.mine, layout)}”) was replaced by{' '}
              <b>{o.winner.name}</b>: “{toDisplayFormula(o.winner.v, layout)}”.
            </div>
            <button type="button" onClick={() => onDismiss(o.key)} aria-label="Dismiss">
              ×
            </button>
          </div>
        )
      })}
    </div>
  )
}
