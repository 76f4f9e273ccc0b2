/// <reference path="./hot-formula-parser.d.ts" />
import { Parser } from 'hot-formula-parser'
import type * as Y from 'yjs'
import { isFormula, readStoredRef, STORED_REF, toDisplayFormula } from './formulaRefs.ts'
import type { GridModel } from './GridModel.ts'
import { formatValue, fromJsDate } from './numberFormat.ts'
import { splitBlockKey } from './rowBlocks.ts'

/** Finds the evaluator of another sheet of the workbook; undefined for a deleted one. */
export type SheetEvaluators = (sheetId: string) => FormulaEvaluator | undefined

export type CellResult = { value: string | number | boolean | null; error: string | null }

const EMPTY: CellResult = { value: null, error: null }

/**
 * A typed number reads as a number in formulas; anything else stays text. A leading `'` marks
 * text (`'007`, `'=A1`), as in every spreadsheet: it is kept in the cell and never shown.
 */
function literal(text: string): CellResult {
  if (text === '') return EMPTY
  if (text.startsWith("'")) return { value: text.slice(1), error: null }
  const n = Number(text)
  if (text.trim() !== '' && Number.isFinite(n)) return { value: n, error: null }
  return { value: text, error: null }
}

/**
 * Computes cell values on demand. Only what is shown (and what it depends on)
 * is evaluated, so a 10,000-row sheet costs nothing for off-screen formulas.
 * Results are memoised: a cell edit forgets only that cell and the formulas that
 * read it (transitively), on this sheet and on the others (a formula of Sheet1 reading
 * Sheet2!A1 is forgotten when Sheet2's A1 changes); a change of rows or columns, which moves
 * every A1 reference, forgets everything of the sheet and every formula elsewhere reading it.
 */
export class FormulaEvaluator {
  readonly model: GridModel
  /**
   * rowId → colId → result. By row, not by a `row:col` key: a read builds no key string to
   * hash (the Grid reads ~1,600 results a scroll frame, decision 0206).
   */
  #cache = new Map<string, Map<string, CellResult>>()
  /** cell key → keys of the cached formulas that read it */
  #readers = new Map<string, Set<string>>()
  /** cell key → the evaluators of other sheets → keys of their formulas that read the cell */
  #outsideReaders = new Map<string, Map<FormulaEvaluator, Set<string>>>()
  /**
   * The evaluators of other sheets → keys of their formulas that read this sheet at all: a row
   * or column change here can change what they read (a range grows, a deleted row comes back)
   * even where no cell of this sheet is cached.
   */
  #outsideSheetReaders = new Map<FormulaEvaluator, Set<string>>()
  /** The formulas being evaluated, innermost last. */
  #visiting: string[] = []
  // hot-formula-parser keeps per-parse state, so nested evaluation (a formula
  // reading another formula) needs its own parser per depth.
  #parsers: Parser[] = []

  readonly #sheets: SheetEvaluators

  constructor(model: GridModel, sheets: SheetEvaluators = () => undefined) {
    this.model = model
    this.#sheets = sheets
    model.doc.on('afterTransaction', (tr: Y.Transaction) => this.#forget(tr))
  }

  /**
   * Forgets every result, here and in the formulas of other sheets reading this one: for what
   * changes every reference at once (this sheet's rows or columns, the workbook's sheets).
   */
  forgetAll(): void {
    const outside = [...this.#outsideSheetReaders]
    for (const readers of this.#outsideReaders.values()) outside.push(...readers)
    this.#cache.clear()
    this.#readers.clear()
    this.#outsideReaders.clear()
    this.#outsideSheetReaders.clear()
    for (const [evaluator, keys] of outside) evaluator.#forgetCells(keys)
  }

  #forget(tr: Y.Transaction): void {
    if (this.#cache.size === 0 && this.#outsideSheetReaders.size === 0) return
    const { model } = this
    const changed = (type: unknown) =>
      tr.changed.get(type as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>)
    if (changed(model.rows) || changed(model.removed) || changed(model.columns)) {
      this.forgetAll()
      return
    }
    const cells = changed(model.cells)
    if (cells) this.#forgetCells([...cells].filter((key): key is string => key !== null))
    const blocks = changed(model.blocks)
    if (blocks) this.#forgetRows(blocks)
  }

  /** Forgets every cell of the rows whose blocks changed (a bulk write or its undo). */
  #forgetRows(blockKeys: Iterable<string | null>): void {
    const rows = new Set<string>()
    for (const key of blockKeys) {
      const parts = key === null ? null : splitBlockKey(key)
      if (parts) rows.add(parts[0])
    }
    const keys: string[] = []
    for (const rowId of rows) {
      for (const colId of this.#cache.get(rowId)?.keys() ?? []) keys.push(`${rowId}:${colId}`)
    }
    for (const key of [...this.#readers.keys(), ...this.#outsideReaders.keys()]) {
      if (rows.has(key.slice(0, key.indexOf(':')))) keys.push(key)
    }
    this.#forgetCells(keys)
  }

  /** Forgets these cells and, transitively, every formula reading them, on any sheet. */
  #forgetCells(keys: Iterable<string>): void {
    const stack = [...keys]
    while (stack.length > 0) {
      const key = stack.pop() as string
      this.#uncache(key)
      const outside = this.#outsideReaders.get(key)
      if (outside) {
        // Deleted before they are told, so a cycle through another sheet ends here too.
        this.#outsideReaders.delete(key)
        for (const [evaluator, formulas] of outside) evaluator.#forgetCells(formulas)
      }
      const readers = this.#readers.get(key)
      if (!readers) continue
      // Deleted before its readers are visited, so a cycle of formulas ends here.
      this.#readers.delete(key)
      stack.push(...readers)
    }
  }

  /** Remembers that the formula being evaluated on `reader`'s sheet reads this sheet's cell. */
  #noteOutsideReader(reader: FormulaEvaluator, cell: string | null): void {
    const formula = reader.#visiting[reader.#visiting.length - 1]
    if (formula === undefined) return
    const add = (map: Map<FormulaEvaluator, Set<string>>) => {
      const formulas = map.get(reader)
      if (formulas) formulas.add(formula)
      else map.set(reader, new Set([formula]))
    }
    if (cell === null) {
      add(this.#outsideSheetReaders)
      return
    }
    let byEvaluator = this.#outsideReaders.get(cell)
    if (!byEvaluator) {
      byEvaluator = new Map()
      this.#outsideReaders.set(cell, byEvaluator)
    }
    add(byEvaluator)
  }

  evaluate(rowId: string, colId: string): CellResult {
    const cached = this.#cache.get(String(rowId))?.get(String(colId))
    if (cached) return cached
    const raw = this.model.getValue(rowId, colId)
    if (!isFormula(raw)) {
      const result = literal(raw)
      this.#remember(rowId, colId, result)
      return result
    }
    const key = `${rowId}:${colId}`
    if (this.#visiting.includes(key)) return { value: null, error: '#CYCLE!' }
    this.#visiting.push(key)
    try {
      const result = this.#run(this.#parserText(raw).slice(1))
      this.#remember(rowId, colId, result)
      return result
    } finally {
      this.#visiting.pop()
    }
  }

  #remember(rowId: string, colId: string, result: CellResult): void {
    // As text, as `#uncache` reads them from a `row:col` key: an id read past the sheet's edge
    // (undefined) must be forgotten as its key spells it.
    const row = this.#cache.get(String(rowId))
    if (row) row.set(String(colId), result)
    else this.#cache.set(String(rowId), new Map([[String(colId), result]]))
  }

  /** Forgets one cached result, by its `row:col` key (what the readers maps hold). */
  #uncache(key: string): void {
    const at = key.indexOf(':')
    const rowId = key.slice(0, at)
    const row = this.#cache.get(rowId)
    if (!row) return
    row.delete(key.slice(at + 1))
    if (row.size === 0) this.#cache.delete(rowId)
  }

  /** Text to show in a cell: the computed value in the cell's format, or the error code. */
  display(rowId: string, colId: string): string {
    const r = this.evaluate(rowId, colId)
    if (r.error) return r.error
    if (r.value === null) return ''
    const format = this.model.getFormat(rowId, colId)
    if (format && format.kind !== 'auto') {
      const raw = this.model.getValue(rowId, colId)
      // Plain text shows a typed value exactly as typed (`1.50` stays `1.50`).
      if (format.kind === 'text' && !isFormula(raw)) return raw.startsWith("'") ? raw.slice(1) : raw
      return formatValue(r.value, format)
    }
    if (typeof r.value === 'number') return formatNumber(r.value)
    return String(r.value)
  }

  /**
   * The stored formula as the parser reads it: references to this sheet in A1, references to
   * other sheets as calls of XCELL/XRANGE (the parser knows no sheets) that read them by id.
   */
  #parserText(stored: string): string {
    const local = stored.replace(STORED_REF, (whole: string, ...groups: unknown[]) => {
      const ref = readStoredRef(groups as Array<string | undefined>)
      if (ref.sheetId === undefined) return whole
      const { colId, rowId } = ref.start
      if (!ref.end) return `XCELL("${ref.sheetId}","${colId}","${rowId}")`
      return `XRANGE("${ref.sheetId}","${colId}","${rowId}","${ref.end.colId}","${ref.end.rowId}")`
    })
    return toDisplayFormula(local, this.model.layout())
  }

  /**
   * Another sheet's evaluator, with the formula being evaluated noted as its reader, or an error
   * thrown the way the parser reports it. A deleted sheet is a workbook change (Workbook forgets
   * every result then), so it needs no note.
   */
  #otherSheet(sheetId: unknown): FormulaEvaluator {
    const other = this.#sheets(String(sheetId))
    if (!other) throw Error('#REF!')
    other.#noteOutsideReader(this, null)
    return other
  }

  /** A cell of another sheet, read for the formula being evaluated here. */
  #readOther(other: FormulaEvaluator, rowId: string, colId: string): CellResult {
    other.#noteOutsideReader(this, `${rowId}:${colId}`)
    return other.evaluate(rowId, colId)
  }

  #crossCell(params: unknown[]): unknown {
    const [sheetId, colId, rowId] = params.map(String)
    const other = this.#otherSheet(sheetId)
    const r = this.#readOther(other, String(rowId), String(colId))
    if (r.error) throw Error(r.error)
    return r.value
  }

  #crossRange(params: unknown[]): unknown[][] {
    const [sheetId, c0, r0, c1, r1] = params.map(String)
    const other = this.#otherSheet(sheetId)
    const { rowIndex, colIndex, rowIds, colIds } = other.model.layout()
    const rows = [rowIndex.get(String(r0)), rowIndex.get(String(r1))]
    const cols = [colIndex.get(String(c0)), colIndex.get(String(c1))]
    if (rows.includes(undefined) || cols.includes(undefined)) throw Error('#REF!')
    const [ra, rb] = rows as [number, number]
    const [ca, cb] = cols as [number, number]
    const out: unknown[][] = []
    for (let r = Math.min(ra, rb); r <= Math.max(ra, rb); r++) {
      const row: unknown[] = []
      for (let c = Math.min(ca, cb); c <= Math.max(ca, cb); c++) {
        const v = this.#readOther(other, rowIds[r] as string, colIds[c] as string)
        row.push(v.error ?? v.value)
      }
      out.push(row)
    }
    return out
  }

  #run(formula: string): CellResult {
    const depth = this.#visiting.length
    let parser = this.#parsers[depth]
    if (!parser) {
      parser = this.#newParser()
      this.#parsers[depth] = parser
    }
    const { error, result } = parser.parse(formula)
    if (error) return { value: null, error }
    if (result === undefined || result === null) return EMPTY
    // Dates (DATE, TODAY, NOW) become serial numbers, as in Sheets, for the date formats.
    if (result instanceof Date) return { value: fromJsDate(result), error: null }
    if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') {
      return { value: result, error: null }
    }
    return { value: String(result), error: null }
  }

  #newParser(): Parser {
    const parser = new Parser()
    parser.setFunction('XCELL', (params) => this.#crossCell(params))
    parser.setFunction('XRANGE', (params) => this.#crossRange(params))
    parser.on('callCellValue', (coord, done) => {
      done(this.#valueAt(coord.row.index, coord.column.index))
    })
    parser.on('callRangeValue', (start, end, done) => {
      const rows: unknown[][] = []
      const r0 = Math.min(start.row.index, end.row.index)
      const r1 = Math.max(start.row.index, end.row.index)
      const c0 = Math.min(start.column.index, end.column.index)
      const c1 = Math.max(start.column.index, end.column.index)
      for (let r = r0; r <= r1; r++) {
        const row: unknown[] = []
        for (let c = c0; c <= c1; c++) row.push(this.#valueAt(r, c))
        rows.push(row)
      }
      done(rows)
    })
    return parser
  }

  #valueAt(row: number, col: number): unknown {
    const { rowIds, colIds } = this.model.layout()
    const rowId = rowIds[row]
    const colId = colIds[col]
    if (rowId === undefined || colId === undefined) return null
    // Remembered before reading, also when the read closes a cycle: an edit of the cell read
    // must reach the formula reading it.
    const reader = this.#visiting[this.#visiting.length - 1]
    if (reader !== undefined) {
      const key = `${rowId}:${colId}`
      const readers = this.#readers.get(key)
      if (readers) readers.add(reader)
      else this.#readers.set(key, new Set([reader]))
    }
    const r = this.evaluate(rowId, colId)
    // Propagate an error as its code; the parser turns '#…' strings into errors.
    return r.error ?? r.value
  }
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n)
  return String(Number(n.toPrecision(12)))
}
