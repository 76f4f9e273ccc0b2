import type { FormulaEvaluator, GridModel } from '@weft/grid-model'
import type * as Y from 'yjs'

/** One sheet as the sheet view and toolbar work with it (made by useWorkbook's Book). */
export type Grid = {
  /** The provider's document, for selectors that re-read the sheet when it changes. */
  doc: Y.Doc
  model: GridModel
  evaluator: FormulaEvaluator
  undo: Y.UndoManager
}
