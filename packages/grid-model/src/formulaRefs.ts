import { cellAddress, columnIndex } from './a1.ts'
import type { GridLayout } from './types.ts'

/**
 * Formulas are stored with references as ids, `{{colId:rowId}}` (with `$`
 * kept in front of either part for absolute references), and rendered as A1
 * against the current layout. A reference therefore follows its cell when
 * rows or columns are inserted, deleted or moved, by anyone, with no rewrite
 * of the formula. A reference to a deleted row or column renders as #REF!.
 */

export const A1_REF = /(^|[^A-Za-z0-9_.$"])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(])/g
const STORED_REF = /\{\{(\$?)([a-z0-9]+):(\$?)([a-z0-9]+)\}\}/g

export function isFormula(text: string): boolean {
  return text.startsWith('=')
}

/** Splits a formula into string literals (left untouched) and code. */
export function mapCode(text: string, fn: (code: string) => string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const q = text.indexOf('"', i)
    if (q < 0) {
      out += fn(text.slice(i))
      break
    }
    out += fn(text.slice(i, q))
    // A doubled quote inside a literal is an escaped quote.
    let end = q + 1
    while (end < text.length) {
      if (text[end] === '"' && text[end + 1] === '"') end += 2
      else if (text[end] === '"') break
      else end++
    }
    out += text.slice(q, end + 1)
    i = end + 1
  }
  return out
}

/** User-typed text → stored text. References outside the grid stay as typed. */
export function toStoredFormula(text: string, layout: GridLayout): string {
  if (!isFormula(text)) return text
  return mapCode(text, (code) =>
    code.replace(A1_REF, (whole, lead: string, colAbs: string, letters: string, rowAbs, digits) => {
      const col = columnIndex(letters.toUpperCase())
      const row = Number(digits) - 1
      const colId = layout.colIds[col]
      const rowId = layout.rowIds[row]
      if (colId === undefined || rowId === undefined) return whole
      return `${lead}{{${colAbs}${colId}:${rowAbs}${rowId}}}`
    }),
  )
}

/** Stored text → what the user sees and edits, against the current layout. */
export function toDisplayFormula(
  stored: string,
  layout: GridLayout & { rowIndex?: Map<string, number>; colIndex?: Map<string, number> },
): string {
  if (!isFormula(stored)) return stored
  const rowIndex = layout.rowIndex ?? new Map(layout.rowIds.map((id, i) => [id, i]))
  const colIndex = layout.colIndex ?? new Map(layout.colIds.map((id, i) => [id, i]))
  return stored.replace(STORED_REF, (_w, colAbs: string, colId: string, rowAbs: string, rowId) => {
    const col = colIndex.get(colId)
    const row = rowIndex.get(rowId)
    if (col === undefined || row === undefined) return '#REF!'
    const [letters, digits] = splitAddress(cellAddress(row, col))
    return `${colAbs}${letters}${rowAbs}${digits}`
  })
}

function splitAddress(address: string): [string, string] {
  const m = /^([A-Z]+)([0-9]+)$/.exec(address)
  return [m?.[1] ?? '', m?.[2] ?? '']
}
