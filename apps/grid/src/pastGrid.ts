import { fetchVersionState } from '@weft/client'
import * as Y from 'yjs'
import { type Book, makeBook } from './useWorkbook.ts'

export type PastBook = Pick<Book, 'grid' | 'undo'> & { doc: Y.Doc }

/**
 * A past version of the document as sheets the sheet view can show: its own document, connected
 * to nothing, so nothing done to it reaches anyone (the view shows it read-only besides). A sheet
 * that did not exist then shows empty.
 */
export async function loadPastGrid(
  documentName: string,
  token: string,
  version: string,
): Promise<PastBook> {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, await fetchVersionState(documentName, token, version))
  const { grid, undo } = makeBook(doc, { name: 'weft-grid-past' })
  return { doc, grid, undo }
}

export function disposePastGrid(past: PastBook): void {
  past.undo.destroy()
  past.doc.destroy()
}
