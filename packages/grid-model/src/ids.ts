const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/**
 * Short random ids for rows and columns. They never contain ':' (the cell-key
 * separator) or the characters formulaRefs.ts uses as delimiters.
 */
export function newId(length = 10): string {
  const bytes = new Uint8Array(length)
  crypto.getRandomValues(bytes)
  let out = ''
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length]
  return out
}

export function cellKey(rowId: string, colId: string): string {
  return `${rowId}:${colId}`
}

export function splitCellKey(key: string): [rowId: string, colId: string] {
  const i = key.indexOf(':')
  return [key.slice(0, i), key.slice(i + 1)]
}
