import type { Author, GridModel } from '@weft/grid-model'

/**
 * Brings a row of a past version back into the live sheet as a new row (a deleted row's id stays
 * deleted: rows are tombstoned, see GridModel.deleteRows), placed after the nearest row above it
 * that still exists, with its values in the columns that still exist. One forward change,
 * logged and undoable as any edit.
 */
export function bringBackRow(
  live: GridModel,
  past: GridModel,
  rowId: string,
  author: Author,
): string | null {
  const pastRows = past.layout().rowIds
  const at = pastRows.indexOf(rowId)
  if (at < 0) return null
  const liveLayout = live.layout()
  let index = 0
  for (let i = at - 1; i >= 0; i--) {
    const above = liveLayout.rowIndex.get(pastRows[i] as string)
    if (above !== undefined) {
      index = above + 1
      break
    }
  }
  let added: string | null = null
  // One transaction: the row and its values arrive together, as one step of the log.
  live.doc.transact(() => {
    const [id] = live.insertRows(index, 1)
    if (!id) return
    added = id
    const writes = liveLayout.colIds
      .map((colId) => ({ rowId: id, colId, value: past.getValue(rowId, colId) }))
      .filter((write) => write.value !== '')
    live.setCells(writes, author)
  }, live.origin)
  return added
}

/** Whether the live sheet still has the row. */
export function rowIsLive(live: GridModel, rowId: string): boolean {
  return live.layout().rowIndex.has(rowId)
}
