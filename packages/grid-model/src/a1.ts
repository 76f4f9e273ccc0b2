/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let out = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    out = String.fromCharCode(65 + rem) + out
    n = Math.floor((n - 1) / 26)
  }
  return out
}

/** Inverse of columnLetter; -1 when the text is not letters. */
export function columnIndex(letters: string): number {
  if (!/^[A-Z]+$/.test(letters)) return -1
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`
}

/** Parses "B3" (optionally with $) into zero-based indices. */
export function parseAddress(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?([0-9]+)$/.exec(text.toUpperCase())
  if (!m) return null
  const row = Number(m[2]) - 1
  if (row < 0) return null
  return { row, col: columnIndex(m[1] as string) }
}
