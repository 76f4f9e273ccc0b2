/**
 * Row blocks (decision 0203): the base layer under `grid.cells`. A bulk write that fills rows
 * holding nothing yet (an import, a paste that adds rows, a seed) stores each row as one
 * `grid.blocks` entry instead of one entry per cell, so a 10,000-row sheet is about 10,000 Yjs
 * items instead of 260,000, and the browser's apply of its first sync costs a fraction.
 *
 * Key: `<rowId>/<writerKey>`, the writer key being the writing client's (its Yjs client id in
 * base 36): two bulk writes into the same rows at once keep both blocks. Value: the JSON text of
 * `[authorKey, colId, value, colId, value, …]`. A string, not a nested array, so applying an
 * update makes one object per row; the text is parsed only when a cell of the row is read.
 */

/** One row's block, as read: who wrote it, and its cells' stored text by column id. */
export type RowBlock = { author: string; values: Map<string, string> }

const KEY_SEPARATOR = '/'

export function blockKey(rowId: string, writerKey: string): string {
  return `${rowId}${KEY_SEPARATOR}${writerKey}`
}

/** The row and writer of a block key; null for a key no client writes (hostile or foreign). */
export function splitBlockKey(key: string): [rowId: string, writerKey: string] | null {
  const i = key.lastIndexOf(KEY_SEPARATOR)
  if (i <= 0 || i === key.length - 1) return null
  return [key.slice(0, i), key.slice(i + 1)]
}

/** A client's writer key: short, and the same on every client for the same Yjs client id. */
export function writerKeyOf(clientID: number): string {
  return clientID.toString(36)
}

/** A row's non-empty cells as a block's stored text. */
export function encodeBlock(author: string, cells: ReadonlyArray<[colId: string, value: string]>) {
  const flat: string[] = [author]
  for (const [colId, value] of cells) flat.push(colId, value)
  return JSON.stringify(flat)
}

const EMPTY: RowBlock = { author: '', values: new Map() }

/**
 * A block as read. Anything that is not a block a client writes (not a string, not JSON, not
 * an array of strings with column and value in pairs) reads as an empty block, the same on every
 * client: like a hostile cell reading as '', it can hide nothing and show nothing.
 */
export function decodeBlock(stored: unknown): RowBlock {
  if (typeof stored !== 'string' || !isFlatArray(stored)) return EMPTY
  let flat: unknown
  try {
    flat = JSON.parse(stored)
  } catch {
    return EMPTY
  }
  if (!Array.isArray(flat) || flat.length % 2 !== 1) return EMPTY
  if (!flat.every((part) => typeof part === 'string')) return EMPTY
  const values = new Map<string, string>()
  for (let i = 1; i < flat.length; i += 2) values.set(flat[i] as string, flat[i + 1] as string)
  return { author: flat[0] as string, values }
}

/**
 * Whether the text opens an array and nests no array or object in it. Checked before parsing:
 * JSON.parse of deeply nested text costs far more per byte than of a flat array of strings (a
 * megabyte of `[[[[…` takes seconds), and a block is read wherever a cell is, the node's first
 * screen included, so a hostile block costs no more to read than a hostile cell.
 */
function isFlatArray(text: string): boolean {
  if (text.charCodeAt(0) !== OPEN_ARRAY) return false
  let inString = false
  for (let i = 1; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === BACKSLASH) i++
      else if (ch === QUOTE) inString = false
    } else if (ch === QUOTE) inString = true
    else if (ch === OPEN_ARRAY || ch === OPEN_OBJECT) return false
  }
  return true
}

const OPEN_ARRAY = 0x5b
const OPEN_OBJECT = 0x7b
const QUOTE = 0x22
const BACKSLASH = 0x5c
