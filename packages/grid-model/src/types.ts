/** What a column holds; affects alignment, sorting and how pasted text is read. */
export type ColumnType = 'text' | 'number'

export type ColumnMeta = {
  id: string
  name: string
  /** Pixels; shared so every user sees the same layout. */
  width: number
  type: ColumnType
}

/**
 * One cell as read: its value and who wrote it. The author travels with the value so that
 * whoever loses a same-cell race can be told who won. Stored compactly or as this very object
 * (cellCodec.ts).
 */
export type CellEntry = {
  /** What the user typed; formulas keep references as ids (see formulaRefs.ts). */
  v: string
  /** Author user id. */
  by: string
  /** Author display name at the time of writing. */
  name: string
  /** Author's wall clock, ms since epoch; only in cells stored in the legacy form. */
  at?: number
}

export type Author = { id: string; name: string }

/** Row and column ids in display order, the frame every A1 address is read against. */
export type GridLayout = {
  rowIds: string[]
  colIds: string[]
}
