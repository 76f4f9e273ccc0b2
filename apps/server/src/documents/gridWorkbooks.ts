import { Workbook } from '@weft/grid-model'
import type * as Y from 'yjs'

// One reading model per live document: its observers live as long as the document, and the
// evaluator's results stay cached (and are forgotten on each change) between reads.
const workbooks = new WeakMap<Y.Doc, Workbook>()

/** The Workbook the node reads a live grid document through (first screens). */
export function workbookOf(doc: Y.Doc): Workbook {
  let book = workbooks.get(doc)
  if (!book) {
    book = new Workbook(doc)
    workbooks.set(doc, book)
  }
  return book
}
