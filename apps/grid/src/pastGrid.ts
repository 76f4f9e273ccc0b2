import { fetchVersionState } from '@weft/client'
import { FormulaEvaluator, GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import type { Grid } from './useGrid.ts'

/**
 * A past version of the sheet as a Grid the sheet view can show: its own document, connected to
 * nothing, so nothing done to it reaches anyone (the view shows it read-only besides).
 */
export async function loadPastGrid(
  documentName: string,
  token: string,
  version: string,
): Promise<Grid> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await fetchVersionState(documentName, token, version))
  const model = new GridModel(doc, { name: 'weft-grid-past' })
  const undo = new Y.UndoManager(model.scope, { trackedOrigins: new Set([model.origin]) })
  return { doc, model, evaluator: new FormulaEvaluator(model), undo }
}

export function disposePastGrid(grid: Grid): void {
  grid.undo.destroy()
  grid.doc.destroy()
}
