/** A row of the file tree as shown (collapsed folders hide their children). */
export type VisibleRow = {
  id: string
  folder: boolean
  open: boolean
  parentId: string | null
}

export type TreeKeyAction =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  | null

const KEYS = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft'])

/**
 * The WAI-ARIA tree pattern's keys on the visible rows: Up/Down to the previous/next row,
 * Home/End to the first/last, Right opens a closed folder or steps into an open one, Left
 * closes an open folder or steps out to the parent. Enter and Space stay with the row's
 * button (open a file, toggle a folder); anything else is not the tree's (null).
 */
export function treeKeyAction(key: string, rows: readonly VisibleRow[], at: string): TreeKeyAction {
  if (!KEYS.has(key)) return null
  const i = rows.findIndex((r) => r.id === at)
  const row = rows[i]
  if (!row) return rows[0] ? { kind: 'focus', id: rows[0].id } : null
  const to = (r: VisibleRow | undefined): TreeKeyAction => (r ? { kind: 'focus', id: r.id } : null)
  switch (key) {
    case 'ArrowDown':
      return to(rows[i + 1])
    case 'ArrowUp':
      return to(rows[i - 1])
    case 'Home':
      return to(rows[0])
    case 'End':
      return to(rows.at(-1))
    case 'ArrowRight':
      if (!row.folder) return null
      if (!row.open) return { kind: 'expand', id: row.id }
      return rows[i + 1]?.parentId === row.id ? to(rows[i + 1]) : null
    case 'ArrowLeft':
      if (row.folder && row.open) return { kind: 'collapse', id: row.id }
      return to(rows.find((r) => r.id === row.parentId))
    default:
      return null
  }
}
