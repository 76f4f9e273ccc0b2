import { LOWER_ALPHANUMERIC, randomId } from '@weft/protocol/randomId'

/**
 * Short random ids for rows and columns. They never contain ':' (the cell-key
 * separator) or the characters formulaRefs.ts uses as delimiters.
 */
export function newId(length = 10): string {
  return randomId(length, LOWER_ALPHANUMERIC)
}

export function cellKey(rowId: string, colId: string): string {
  return `${rowId}:${colId}`
}

export function splitCellKey(key: string): [rowId: string, colId: string] {
  const i = key.indexOf(':')
  return [key.slice(0, i), key.slice(i + 1)]
}
