import type { HocuspocusProvider } from '@hocuspocus/provider'
import { Workbook } from '@weft/grid-model'
import { useEffect, useMemo } from 'react'
import * as Y from 'yjs'
import type { Grid } from './grid.ts'

export type Book = {
  workbook: Workbook
  /** One UndoManager for the whole document, as in Sheets: Ctrl+Z also undoes a tab change. */
  undo: Y.UndoManager
  /** The sheet as a Grid the sheet view and toolbar work with; same object for the same id. */
  grid(sheetId: string): Grid
}

/** A Book over any document: the live one, or a past version's (read-only) copy. */
export function makeBook(doc: Y.Doc, origin: object): Book {
  const workbook = new Workbook(doc, origin)
  const undo = new Y.UndoManager([workbook.meta], {
    trackedOrigins: new Set([origin]),
    // Every user action is its own undo step.
    captureTimeout: 0,
  })
  const grids = new Map<string, Grid>()
  const grid = (sheetId: string): Grid => {
    let g = grids.get(sheetId)
    if (!g) {
      const model = workbook.model(sheetId)
      undo.addToScope(model.scope)
      g = { doc, model, evaluator: workbook.evaluator(sheetId), undo }
      grids.set(sheetId, g)
    }
    return g
  }
  return { workbook, undo, grid }
}

/**
 * The grid document as a workbook of sheets. The UndoManager tracks only this client's origin:
 * undo never reverts what another user typed.
 */
export function useWorkbook(provider: HocuspocusProvider | null, synced: boolean): Book | null {
  const book = useMemo(
    () => (provider ? makeBook(provider.document, { name: 'weft-grid-local' }) : null),
    [provider],
  )

  useEffect(() => () => book?.undo.destroy(), [book])

  // Seed only after the first sync, so we never seed a sheet that has content on the server;
  // the seed is deterministic, so a race with another first visitor still yields one sheet.
  useEffect(() => {
    if (book && synced && book.workbook.model('main').isEmpty()) {
      book.workbook.initialize()
      book.undo.clear()
    }
  }, [book, synced])

  return book
}
