import type * as Y from 'yjs'
import { FormulaEvaluator } from './FormulaEvaluator.ts'
import { keyBetween } from './fractionalIndex.ts'
import { GridModel, MAIN_SHEET } from './GridModel.ts'
import { newId } from './ids.ts'
import { sheetNameProblem } from './sheetNames.ts'
import type { SheetDirectory } from './types.ts'

/**
 * `${sheetId}/name`, `${sheetId}/order`, `${sheetId}/deleted` → value. Flat keys, not a nested
 * map per sheet, so a rename and a concurrent move of the same sheet both survive, and the first
 * sheet of an old document needs no entry created before anyone edits it.
 */
export const SHEETS_TYPE = 'grid.sheets'

export type SheetInfo = { id: string; name: string; order: string; deleted: boolean }

const MAIN_NAME = 'Sheet1'
/** The first sheet's place while nobody has moved it: where a document's first sheet was. */
const MAIN_ORDER = keyBetween(null, null)

function byOrderThenId(a: SheetInfo, b: SheetInfo): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The sheets of a grid document, as tabs. A document from before sheets is a workbook of one
 * sheet, MAIN_SHEET, read from the same types as before: no migration, and an old client still
 * sees (and edits) that first sheet. A deleted sheet keeps its cells and can be restored; undo
 * (when `meta` is in the UndoManager's scope) brings it back too.
 */
export class Workbook {
  readonly doc: Y.Doc
  readonly origin: object
  readonly meta: Y.Map<string | boolean>
  readonly directory: SheetDirectory
  readonly #models = new Map<string, GridModel>()
  readonly #evaluators = new Map<string, FormulaEvaluator>()

  constructor(doc: Y.Doc, origin: object = { name: 'local' }) {
    this.doc = doc
    this.origin = origin
    this.meta = doc.getMap(SHEETS_TYPE)
    this.directory = {
      idOf: (name) => this.idOf(name),
      nameOf: (id) => (this.isLive(id) ? this.info(id).name : undefined),
      layoutOf: (id) => (this.isLive(id) ? this.model(id).layout() : undefined),
    }
    // A sheet deleted or restored turns references to it into #REF! and back: results computed
    // before no longer hold anywhere. Rare enough to forget them all.
    this.meta.observe(() => {
      for (const evaluator of this.#evaluators.values()) evaluator.forgetAll()
    })
  }

  info(id: string): SheetInfo {
    const name = this.meta.get(`${id}/name`)
    const order = this.meta.get(`${id}/order`)
    return {
      id,
      name: typeof name === 'string' ? name : id === MAIN_SHEET ? MAIN_NAME : id,
      order: typeof order === 'string' ? order : MAIN_ORDER,
      deleted: this.meta.get(`${id}/deleted`) === true,
    }
  }

  /** Every sheet ever made in this document, deleted ones too, in tab order. */
  all(): SheetInfo[] {
    const ids = new Set([MAIN_SHEET])
    for (const key of this.meta.keys()) {
      const slash = key.lastIndexOf('/')
      if (slash > 0) ids.add(key.slice(0, slash))
    }
    return [...ids].map((id) => this.info(id)).sort(byOrderThenId)
  }

  /**
   * The tabs. Never empty: if two users deleted the last two sheets at once, the first deleted
   * one is still shown, so the document always has a sheet to open.
   */
  sheets(): SheetInfo[] {
    const all = this.all()
    const live = all.filter((s) => !s.deleted)
    return live.length > 0 ? live : all.slice(0, 1)
  }

  deletedSheets(): SheetInfo[] {
    const shown = new Set(this.sheets().map((s) => s.id))
    return this.all().filter((s) => !shown.has(s.id))
  }

  isLive(id: string): boolean {
    return this.sheets().some((s) => s.id === id)
  }

  /** The shown sheet with this name (case does not matter, as in Sheets), for typed formulas. */
  idOf(name: string): string | undefined {
    const wanted = name.toLowerCase()
    return this.sheets().find((s) => s.name.toLowerCase() === wanted)?.id
  }

  model(id: string): GridModel {
    let model = this.#models.get(id)
    if (!model) {
      model = new GridModel(this.doc, this.origin, { sheetId: id, sheets: this.directory })
      this.#models.set(id, model)
    }
    return model
  }

  evaluator(id: string): FormulaEvaluator {
    let evaluator = this.#evaluators.get(id)
    if (!evaluator) {
      evaluator = new FormulaEvaluator(this.model(id), (other) =>
        this.isLive(other) ? this.evaluator(other) : undefined,
      )
      this.#evaluators.set(id, evaluator)
    }
    return evaluator
  }

  /** Seeds the first sheet of an empty document (see GridModel.initialize). */
  initialize(rows?: number, columns?: number): void {
    this.model(MAIN_SHEET).initialize(rows, columns)
  }

  /** A free default name: Sheet2, Sheet3… */
  nextName(): string {
    const taken = new Set(this.all().map((s) => s.name.toLowerCase()))
    for (let n = this.sheets().length + 1; ; n++) {
      if (!taken.has(`sheet${n}`)) return `Sheet${n}`
    }
  }

  /** Adds a blank sheet after the last tab (one undo step); returns its id. */
  addSheet(name = this.nextName(), rows?: number, columns?: number): string {
    const id = newId()
    const last = this.sheets().at(-1)?.order ?? MAIN_ORDER
    this.doc.transact(() => {
      this.meta.set(`${id}/name`, name)
      this.meta.set(`${id}/order`, keyBetween(last, null))
      this.model(id).initialize(rows, columns)
    }, this.origin)
    return id
  }

  /** Renames a sheet; returns why not (and changes nothing) when the name cannot be used. */
  renameSheet(id: string, name: string): string | null {
    const taken = this.sheets()
      .filter((s) => s.id !== id)
      .map((s) => s.name)
    const problem = sheetNameProblem(name, taken)
    if (problem) return problem
    this.doc.transact(() => this.meta.set(`${id}/name`, name.trim()), this.origin)
    return null
  }

  /** Deletes a sheet (kept, restorable); refused for the last shown sheet. */
  deleteSheet(id: string): boolean {
    if (this.sheets().length <= 1 || !this.isLive(id)) return false
    this.doc.transact(() => this.meta.set(`${id}/deleted`, true), this.origin)
    return true
  }

  /** Brings a deleted sheet back where it was; renamed `Name (2)` if its name was taken since. */
  restoreSheet(id: string): void {
    const taken = this.sheets().map((s) => s.name.toLowerCase())
    const { name } = this.info(id)
    let free = name
    for (let n = 2; taken.includes(free.toLowerCase()); n++) free = `${name} (${n})`
    this.doc.transact(() => {
      this.meta.delete(`${id}/deleted`)
      if (free !== name) this.meta.set(`${id}/name`, free)
    }, this.origin)
  }

  /** Moves a tab so it lands at `toIndex` of the tabs without it. */
  moveSheet(id: string, toIndex: number): void {
    const rest = this.sheets().filter((s) => s.id !== id)
    const i = Math.max(0, Math.min(toIndex, rest.length))
    const before = i > 0 ? (rest[i - 1]?.order ?? null) : null
    // Equal keys (two tabs placed at one spot at once) are skipped: nothing fits between them.
    let after: string | null = null
    for (let j = i; j < rest.length; j++) {
      const k = rest[j]?.order as string
      if (before === null || k > before) {
        after = k
        break
      }
    }
    this.doc.transact(() => this.meta.set(`${id}/order`, keyBetween(before, after)), this.origin)
  }
}
