/// <reference path="./hot-formula-parser.d.ts" />
import { Parser } from 'hot-formula-parser'
import type * as Y from 'yjs'
import { isFormula, toDisplayFormula } from './formulaRefs.ts'
import type { GridModel } from './GridModel.ts'

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
 * read it (transitively); a change of rows or columns, which moves every A1
 * reference, forgets everything.
 */
export class FormulaEvaluator {
  readonly model: GridModel
  #cache = new Map<string, CellResult>()
  /** cell key → keys of the cached formulas that read it */
  #readers = new Map<string, Set<string>>()
  /** The formulas being evaluated, innermost last. */
  #visiting: string[] = []
  // hot-formula-parser keeps per-parse state, so nested evaluation (a formula
  // reading another formula) needs its own parser per depth.
  #parsers: Parser[] = []

  constructor(model: GridModel) {
    this.model = model
    model.doc.on('afterTransaction', (tr: Y.Transaction) => this.#forget(tr))
  }

  #forget(tr: Y.Transaction): void {
    if (this.#cache.size === 0) return
    const { model } = this
    const changed = (type: unknown) =>
      tr.changed.get(type as Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>)
    if (changed(model.rows) || changed(model.removed) || changed(model.columns)) {
      this.#cache.clear()
      this.#readers.clear()
      return
    }
    const cells = changed(model.cells)
    if (!cells) return
    const stack = [...cells].filter((key): key is string => key !== null)
    while (stack.length > 0) {
      const key = stack.pop() as string
      this.#cache.delete(key)
      const readers = this.#readers.get(key)
      if (!readers) continue
      // Deleted before its readers are visited, so a cycle of formulas ends here.
      this.#readers.delete(key)
      stack.push(...readers)
    }
  }

  evaluate(rowId: string, colId: string): CellResult {
    const key = `${rowId}:${colId}`
    const cached = this.#cache.get(key)
    if (cached) return cached
    const raw = this.model.getValue(rowId, colId)
    if (!isFormula(raw)) {
      const result = literal(raw)
      this.#cache.set(key, result)
      return result
    }
    if (this.#visiting.includes(key)) return { value: null, error: '#CYCLE!' }
    this.#visiting.push(key)
    try {
      const result = this.#run(toDisplayFormula(raw, this.model.layout()).slice(1))
      this.#cache.set(key, result)
      return result
    } finally {
      this.#visiting.pop()
    }
  }

  /** Text to show in a cell: the computed value, or the error code. */
  display(rowId: string, colId: string): string {
    const r = this.evaluate(rowId, colId)
    if (r.error) return r.error
    if (r.value === null) return ''
    if (typeof r.value === 'number') return formatNumber(r.value)
    return String(r.value)
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
    if (typeof result === 'number' || typeof result === 'string' || typeof result === 'boolean') {
      return { value: result, error: null }
    }
    return { value: String(result), error: null }
  }

  #newParser(): Parser {
    const parser = new Parser()
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
