import { cellAddress, columnIndex } from './a1.ts'
import { quoteSheetName } from './sheetNames.ts'
import type { GridLayout } from './types.ts'

/**
 * Formulas are stored with references as ids, `{{colId:rowId}}` (with `$`
 * kept in front of either part for absolute references), and rendered as A1
 * against the current layout. A reference therefore follows its cell when
 * rows or columns are inserted, deleted or moved, by anyone, with no rewrite
 * of the formula. A reference to a deleted row or column renders as #REF!.
 *
 * A reference to another sheet (`Sheet2!A1`, `'My sheet'!A1:B3`) is stored with that sheet's id,
 * `{{sheetId!colId:rowId}}`, so renaming the sheet renames it in every formula, and deleting
 * the sheet turns it into #REF! (until the sheet is restored).
 */

export const A1_REF = /(^|[^A-Za-z0-9_.$"])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(!])/g

const CELL = String.raw`(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})`
const SHEET = `(?:'((?:[^']|'')+)'|([A-Za-z_][A-Za-z0-9_]*))!`
/**
 * A typed reference: optional sheet, a cell, optional `:cell` range end. `{` and `:` are not
 * leads so stored ids (`{{c0:r0}}`) never read as references.
 */
const TYPED_REF = new RegExp(
  `(^|[^A-Za-z0-9_.$"'!{:])(?:${SHEET})?${CELL}(?::${CELL})?(?![A-Za-z0-9_(!])`,
  'g',
)
const STORED_CELL = String.raw`\{\{(?:([a-z0-9]+)!)?(\$?)([a-z0-9]+):(\$?)([a-z0-9]+)\}\}`
/** A stored reference with an optional stored range end. */
export const STORED_REF = new RegExp(`${STORED_CELL}(?::${STORED_CELL})?`, 'g')

/** One stored reference (or range), as STORED_REF's groups give it. */
export type StoredRef = {
  sheetId: string | undefined
  start: { colAbs: string; colId: string; rowAbs: string; rowId: string }
  end: { colAbs: string; colId: string; rowAbs: string; rowId: string } | undefined
}

export function readStoredRef(groups: ReadonlyArray<string | undefined>): StoredRef {
  const [sheetId, colAbs = '', colId = '', rowAbs = '', rowId = ''] = groups
  const [, endColAbs = '', endColId, endRowAbs = '', endRowId = ''] = groups.slice(5)
  return {
    sheetId,
    start: { colAbs, colId, rowAbs, rowId },
    end:
      endColId === undefined
        ? undefined
        : { colAbs: endColAbs, colId: endColId, rowAbs: endRowAbs, rowId: endRowId },
  }
}

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

/** User-typed text → stored text. References outside the grid, or to no sheet, stay as typed. */
export function toStoredFormula(text: string, layout: GridLayout): string {
  if (!isFormula(text)) return text
  return mapCode(text, (code) =>
    code.replace(TYPED_REF, (whole: string, lead: string, ...groups: Array<string | undefined>) => {
      const [quoted, bare] = groups
      const named = quoted !== undefined ? quoted.replace(/''/g, "'") : bare
      let sheetId: string | undefined
      let target: GridLayout | undefined = layout
      if (named !== undefined) {
        sheetId = layout.sheets?.idOf(named)
        target = sheetId === undefined ? undefined : layout.sheets?.layoutOf(sheetId)
        if (!target) return whole
      }
      const prefix = sheetId === undefined ? '' : `${sheetId}!`
      const typedStart = groups.slice(2, 6).join('')
      const start = storeCell(target, prefix, groups.slice(2, 6))
      const hasEnd = groups[6] !== undefined
      const end = hasEnd ? storeCell(target, prefix, groups.slice(6, 10)) : null
      // Another sheet's reference is stored whole or not at all: half of it would read the
      // other half against this sheet.
      if (named !== undefined && (start === null || (hasEnd && end === null))) return whole
      const first = start ?? typedStart
      if (!hasEnd) return `${lead}${first}`
      return `${lead}${first}:${end ?? groups.slice(6, 10).join('')}`
    }),
  )
}

function storeCell(
  layout: GridLayout,
  prefix: string,
  [colAbs = '', letters = '', rowAbs = '', digits = '']: ReadonlyArray<string | undefined>,
): string | null {
  const colId = layout.colIds[columnIndex(letters.toUpperCase())]
  const rowId = layout.rowIds[Number(digits) - 1]
  if (colId === undefined || rowId === undefined) return null
  return `{{${prefix}${colAbs}${colId}:${rowAbs}${rowId}}}`
}

type IndexedLayout = GridLayout & { rowIndex?: Map<string, number>; colIndex?: Map<string, number> }

/** Stored text → what the user sees and edits, against the current layout. */
export function toDisplayFormula(stored: string, layout: IndexedLayout): string {
  if (!isFormula(stored)) return stored
  return stored.replace(STORED_REF, (_w: string, ...groups: Array<string | undefined>) => {
    const ref = readStoredRef(groups)
    let target: IndexedLayout | undefined = layout
    let prefix = ''
    if (ref.sheetId !== undefined) {
      const name = layout.sheets?.nameOf(ref.sheetId)
      target = name === undefined ? undefined : layout.sheets?.layoutOf(ref.sheetId)
      if (name === undefined || !target) return '#REF!'
      prefix = `${quoteSheetName(name)}!`
    }
    const start = showCell(target, ref.start)
    if (!ref.end) return `${prefix}${start}`
    const end = showCell(target, ref.end)
    if (prefix && (start === '#REF!' || end === '#REF!')) return '#REF!'
    return `${prefix}${start}:${end}`
  })
}

const indexCache = new WeakMap<
  GridLayout,
  { rows: Map<string, number>; cols: Map<string, number> }
>()

function showCell(layout: IndexedLayout, part: StoredRef['start']): string {
  let rows = layout.rowIndex
  let cols = layout.colIndex
  if (!rows || !cols) {
    let cached = indexCache.get(layout)
    if (!cached) {
      cached = {
        rows: new Map(layout.rowIds.map((id, i) => [id, i])),
        cols: new Map(layout.colIds.map((id, i) => [id, i])),
      }
      indexCache.set(layout, cached)
    }
    rows = cached.rows
    cols = cached.cols
  }
  const col = cols.get(part.colId)
  const row = rows.get(part.rowId)
  if (col === undefined || row === undefined) return '#REF!'
  const [letters, digits] = splitAddress(cellAddress(row, col))
  return `${part.colAbs}${letters}${part.rowAbs}${digits}`
}

function splitAddress(address: string): [string, string] {
  const m = /^([A-Z]+)([0-9]+)$/.exec(address)
  return [m?.[1] ?? '', m?.[2] ?? '']
}
