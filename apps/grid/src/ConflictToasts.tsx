import { cellAddress, toDisplayFormula } from '@weft/grid-model'
import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'
import type { Grid } from './useGrid.ts'
import type { OverwriteNotice } from './useOverwrites.ts'

type Props = { items: OverwriteNotice[]; grid: Grid | null; onDismiss: (key: number) => void }
type Layout = ReturnType<Grid['model']['layout']>

function where(o: OverwriteNotice, layout: Layout): string {
  const r = layout.rowIndex.get(o.rowId)
  const c = layout.colIndex.get(o.colId)
  return r !== undefined && c !== undefined ? cellAddress(r, c) : 'a cell'
}

function shown(v: string, layout: Layout): string {
  return toDisplayFormula(v, layout)
}

/**
 * "Your value in B3 was replaced": the losing side of a same-cell race learns who won, and with
 * what. Screen readers hear it through the page's live region (a region mounted together with
 * its text is not read); the toast stays for the eye, with its Dismiss button in the Tab order.
 */
export function ConflictToasts({ items, grid, onDismiss }: Props) {
  const told = useRef(new Set<number>())
  useEffect(() => {
    if (!grid) return
    const layout = grid.model.layout()
    for (const o of items) {
      if (told.current.has(o.key)) continue
      told.current.add(o.key)
      announce(
        `Your value in ${where(o, layout)}, ${shown(o.mine, layout)}, was replaced by ${o.winner.name}: ${shown(o.winner.v, layout)}`,
      )
    }
  }, [items, grid])
  if (!grid || items.length === 0) return null
  const layout = grid.model.layout()
  return (
    <section className="toasts" aria-label="Overwritten cells">
      {items.map((o) => (
        <div key={o.key} className="toast" data-testid="conflict-toast">
          <div>
            Your value in <b>{where(o, layout)}</b> (“{shown(o.mine, layout)}”) was replaced by{' '}
            <b>{o.winner.name}</b>: “{shown(o.winner.v, layout)}”.
          </div>
          <button type="button" onClick={() => onDismiss(o.key)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
