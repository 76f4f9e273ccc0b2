import type { Author, CellEntry } from './types.ts'

/**
 * How a cell is stored under its key in `grid.cells` (decision 0135).
 *
 * - compact (written since 0135): a string `<authorKey>:<value>`, e.g. `k3x9a1:42`. The author
 *   key is a short hash of the user id; `grid.authors` maps it to the user's id and name.
 * - legacy (documents written before, and writes whose author key is taken by someone else):
 *   the object `{ v, by, name, at }`.
 *
 * Both stay readable forever, and one key's writes converge the same way whatever their form
 * (a Y.Map entry is last-writer-wins on the whole value). The author travels inside the value,
 * not beside it, so an undo or a version restore that re-inserts an old value brings its author
 * back with it.
 */
export type StoredCell = CellEntry | string

/** What `grid.authors` holds per author key. */
export type AuthorRecord = { id: string; name: string }

const SEPARATOR = ':'

// 36^5 ≈ 60 million keys: a sheet's few hundred authors rarely share one, and when two do, the
// second is told apart at write time (GridModel falls back to the legacy form). Each character
// more would cost a byte in every cell.
const KEY_SPACE = 36 ** 5

/** A user's author key: FNV-1a of the id, in base 36 (≤ 5 characters, never a ':'). */
export function authorKey(userId: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return ((hash >>> 0) % KEY_SPACE).toString(36)
}

export function encodeCell(value: string, key: string): string {
  return `${key}${SEPARATOR}${value}`
}

export function legacyCell(value: string, author: Author, at: number): CellEntry {
  return { v: value, by: author.id, name: author.name, at }
}

/** The stored text of a cell; '' for anything that is not a cell (hostile or foreign content). */
export function cellValue(stored: unknown): string {
  if (typeof stored === 'string') {
    const i = stored.indexOf(SEPARATOR)
    return i < 0 ? stored : stored.slice(i + 1)
  }
  if (stored !== null && typeof stored === 'object') {
    const v = (stored as { v?: unknown }).v
    return typeof v === 'string' ? v : ''
  }
  return ''
}

/**
 * The full entry: value and author. A compact cell whose key is missing from `authors` (its
 * registration undone by a concurrent version restore) reads with an empty name.
 */
export function decodeCell(
  stored: unknown,
  authors: { get(key: string): AuthorRecord | undefined },
): CellEntry | undefined {
  if (typeof stored === 'string') {
    const i = stored.indexOf(SEPARATOR)
    const key = i < 0 ? '' : stored.slice(0, i)
    const record = authors.get(key)
    return { v: stored.slice(i + 1), by: record?.id ?? '', name: record?.name ?? '' }
  }
  if (stored !== null && typeof stored === 'object' && typeof (stored as CellEntry).v === 'string')
    return stored as CellEntry
  return undefined
}
