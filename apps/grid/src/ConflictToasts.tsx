import { cellAddress, toDisplayFormula } from '@weft/grid-model'
import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'
import type { Grid } from './grid.ts'
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

/** The notice's sentence; `b` marks the parts shown in bold. */
function sentence(o: OverwriteNotice, layout: Layout): { text: string; b?: boolean }[] {
  const cell = where(o, layout)
  const mine = `“${shown(o.mine, layout)}”`
  if (o.kind === 'kept' && o.loser) {
    return [
      { text: 'Your value in ' },
      { text: cell, b: true },
      { text: ` (${mine}) was kept. ` },
      { text: o.loser.name, b: true },
      { text: ` typed “${shown(o.loser.v, layout)}” at the same time; it was replaced.` },
    ]
  }
  return [
    { text: 'Your value in ' },
    { text: cell, b: true },
    { text: ` (${mine}) was replaced by ` },
    { text: o.winner.name, b: true },
    {
      text: `${o.kind === 'lost' ? ', typed at the same time' : ''}: “${shown(o.winner.v, layout)}”.`,
    },
  ]
}

/**
 * "Your value in B3 was replaced": the losing side of a same-cell race learns who won, and with
 * what; the winning side learns whose value it replaced (also for races merged after offline). Screen readers hear it through the page's live region (a region mounted together with
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
        sentence(o, layout)
          .map((p) => p.text)
          .join(''),
      )
    }
  }, [items, grid])
  if (!grid || items.length === 0) return null
  const layout = grid.model.layout()
  return (
    <section className="toasts" aria-label="Same-cell edits">
      {items.map((o) => (
        <div key={o.key} className="toast" data-testid="conflict-toast">
          <div>
            {sentence(o, layout).map((p, i) =>
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed sentence, parts never reorder.
              p.b ? <b key={i}>{p.text}</b> : <span key={i}>{p.text}</span>,
            )}
          </div>
          <button type="button" onClick={() => onDismiss(o.key)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
