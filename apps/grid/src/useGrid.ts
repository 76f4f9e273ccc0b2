import type { HocuspocusProvider } from '@hocuspocus/provider'
import { FormulaEvaluator, GridModel } from '@weft/grid-model'
import { useEffect, useMemo } from 'react'
import * as Y from 'yjs'

export type Grid = {
  /** The provider's document, for selectors that re-read the sheet when it changes. */
  doc: Y.Doc
  model: GridModel
  evaluator: FormulaEvaluator
  undo: Y.UndoManager
}

/**
 * The grid model over the provider's document. The UndoManager tracks only
 * this client's origin: undo never reverts what another user typed.
 */
export function useGrid(provider: HocuspocusProvider | null, synced: boolean): Grid | null {
  const grid = useMemo(() => {
    if (!provider) return null
    const model = new GridModel(provider.document, { name: 'weft-grid-local' })
    const undo = new Y.UndoManager(model.scope, {
      trackedOrigins: new Set([model.origin]),
      // Every user action is its own undo step.
      captureTimeout: 0,
    })
    return { doc: provider.document, model, evaluator: new FormulaEvaluator(model), undo }
  }, [provider])

  useEffect(() => () => grid?.undo.destroy(), [grid])

  // Seed only after the first sync, so we never seed a sheet that has content
  // on the server; the seed is deterministic, so a race with another first
  // visitor still yields one sheet.
  useEffect(() => {
    if (grid && synced && grid.model.isEmpty()) {
      grid.model.initialize()
      grid.undo.clear()
    }
  }, [grid, synced])

  return grid
}
