import * as Y from 'yjs'
import {
  type AuthorRecord,
  authorKey,
  cellValue,
  decodeCell,
  encodeCell,
  legacyCell,
  type StoredCell,
} from './cellCodec.ts'
import { keysBetween } from './fractionalIndex.ts'
import { cellKey, newId, splitCellKey } from './ids.ts'
import type { Author, CellEntry, ColumnMeta, ColumnType, GridLayout } from './types.ts'

/** Names of the top-level Yjs types; part of the stored format, never rename. */
export const GRID_TYPES = {
  /** colId → Y.Map { name, width, type, order } */
  columns: 'grid.columns',
  /** rowId → order key */
  rows: 'grid.rows',
  /** row or column id → true once deleted; makes a delete beat a concurrent move */
  removed: 'grid.removed',
  /** `${rowId}:${colId}` → StoredCell (cellCodec.ts) */
  cells: 'grid.cells',
  /** author key → { id, name }: who the compact cells' author keys name (cellCodec.ts) */
  authors: 'grid.authors',
} as const

export const DEFAULT_COLUMN_WIDTH = 120
const INITIAL_ROWS = 100
const INITIAL_COLUMNS = 26

type Ordered = { id: string; key: string }

function byKeyThenId(a: Ordered, b: Ordered): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The grid document: a thin, framework-free layer over a Y.Doc.
 *
 * Every mutation runs in one transaction tagged with `origin`, the caller's
 * own origin object, so a Y.UndoManager tracking only that origin undoes this
 * user's edits and never someone else's.
 */
export class GridModel {
  readonly doc: Y.Doc
  readonly origin: object
  readonly columns: Y.Map<Y.Map<unknown>>
  readonly rows: Y.Map<string>
  readonly removed: Y.Map<boolean>
  readonly cells: Y.Map<StoredCell>
  /** Not in the undo scope: an author stays known after their edits are undone. */
  readonly authors: Y.Map<AuthorRecord>
  #layout: (GridLayout & { rowIndex: Map<string, number>; colIndex: Map<string, number> }) | null =
    null

  constructor(doc: Y.Doc, origin: object = { name: 'local' }) {
    this.doc = doc
    this.origin = origin
    this.columns = doc.getMap(GRID_TYPES.columns)
    this.rows = doc.getMap(GRID_TYPES.rows)
    this.removed = doc.getMap(GRID_TYPES.removed)
    this.cells = doc.getMap(GRID_TYPES.cells)
    this.authors = doc.getMap(GRID_TYPES.authors)
    const invalidate = () => {
      this.#layout = null
    }
    this.rows.observe(invalidate)
    this.removed.observe(invalidate)
    this.columns.observeDeep(invalidate)
  }

  /** The Yjs types an UndoManager should watch. */
  get scope(): Y.AbstractType<unknown>[] {
    return [this.columns, this.rows, this.removed, this.cells] as Y.AbstractType<unknown>[]
  }

  isEmpty(): boolean {
    return this.columns.size === 0 && this.rows.size === 0
  }

  /**
   * Seeds a blank sheet. Ids and keys are deterministic, so two clients that
   * both find the document empty and seed it at once write identical entries
   * and end up with one sheet, not two stacked copies.
   */
  initialize(rows = INITIAL_ROWS, columns = INITIAL_COLUMNS): void {
    if (!this.isEmpty()) return
    this.doc.transact(() => {
      const colKeys = keysBetween(null, null, columns)
      colKeys.forEach((key, i) => {
        this.columns.set(`c${i}`, columnMap('', DEFAULT_COLUMN_WIDTH, 'text', key))
      })
      const rowKeys = keysBetween(null, null, rows)
      rowKeys.forEach((key, i) => {
        this.rows.set(`r${i}`, key)
      })
    }, this.origin)
  }

  layout(): GridLayout & { rowIndex: Map<string, number>; colIndex: Map<string, number> } {
    if (this.#layout) return this.#layout
    const rows: Ordered[] = []
    for (const [id, key] of this.rows) if (!this.removed.has(id)) rows.push({ id, key })
    rows.sort(byKeyThenId)
    const cols: Ordered[] = []
    for (const [id, meta] of this.columns) {
      if (!this.removed.has(id)) cols.push({ id, key: String(meta.get('order') ?? '') })
    }
    cols.sort(byKeyThenId)
    const rowIds = rows.map((r) => r.id)
    const colIds = cols.map((c) => c.id)
    this.#layout = {
      rowIds,
      colIds,
      rowIndex: new Map(rowIds.map((id, i) => [id, i])),
      colIndex: new Map(colIds.map((id, i) => [id, i])),
    }
    return this.#layout
  }

  column(colId: string): ColumnMeta | undefined {
    const meta = this.columns.get(colId)
    if (!meta || this.removed.has(colId)) return undefined
    return {
      id: colId,
      name: String(meta.get('name') ?? ''),
      width: Number(meta.get('width') ?? DEFAULT_COLUMN_WIDTH),
      type: (meta.get('type') as ColumnType | undefined) ?? 'text',
    }
  }

  getCell(rowId: string, colId: string): CellEntry | undefined {
    return this.decode(this.cells.get(cellKey(rowId, colId)))
  }

  /** A stored cell (a `grid.cells` value, an item's content) read with its author. */
  decode(stored: unknown): CellEntry | undefined {
    return decodeCell(stored, this.authors)
  }

  /** The raw stored text of a cell ('' when empty). */
  getValue(rowId: string, colId: string): string {
    return cellValue(this.cells.get(cellKey(rowId, colId)))
  }

  /**
   * Names the write a cell now holds (the Yjs item's id), '' when it has none: two reads with
   * the same stamp saw the same write, even of the same value by the same author.
   */
  cellStamp(rowId: string, colId: string): string {
    const item = this.cells._map.get(cellKey(rowId, colId))
    return item && !item.deleted ? `${item.id.client}:${item.id.clock}` : ''
  }

  /** Every cell holding a value (not cleared), by ids; rows and columns deleted included. */
  *filledCells(): Generator<[rowId: string, colId: string]> {
    for (const [key, stored] of this.cells) {
      if (cellValue(stored) !== '') yield splitCellKey(key)
    }
  }

  /**
   * Writes many cells in one transaction (one undo step). An empty value is
   * kept as an entry, not deleted, so a clear also records who cleared it.
   */
  setCells(
    writes: ReadonlyArray<{ rowId: string; colId: string; value: string }>,
    author: Author,
  ): void {
    if (writes.length === 0) return
    const at = Date.now()
    this.doc.transact(() => {
      const encode = this.#encoderFor(author, at)
      for (const w of writes) {
        const key = cellKey(w.rowId, w.colId)
        if (w.value === '' && cellValue(this.cells.get(key)) === '') continue
        this.cells.set(key, encode(w.value))
      }
    }, this.origin)
  }

  /**
   * The compact form under the author's key, registering (or renaming) them in `grid.authors`
   * with the first cell written; the legacy object when that key already names someone else
   * (a hash collision).
   */
  #encoderFor(author: Author, at: number): (value: string) => StoredCell {
    const key = authorKey(author.id)
    const known = this.authors.get(key)
    if (known && known.id !== author.id) return (value) => legacyCell(value, author, at)
    let registered = known?.name === author.name
    return (value) => {
      if (!registered) {
        this.authors.set(key, { id: author.id, name: author.name })
        registered = true
      }
      return encodeCell(value, key)
    }
  }

  setCell(rowId: string, colId: string, value: string, author: Author): void {
    this.setCells([{ rowId, colId, value }], author)
  }

  insertRows(index: number, count: number): string[] {
    const { rowIds } = this.layout()
    const [before, after] = this.#neighbours(rowIds, index, (id) => this.rows.get(id) ?? '')
    const keys = keysBetween(before, after, count)
    const ids = keys.map(() => newId())
    this.doc.transact(() => {
      ids.forEach((id, i) => {
        this.rows.set(id, keys[i] as string)
      })
    }, this.origin)
    return ids
  }

  deleteRows(rowIds: readonly string[]): void {
    const doomed = new Set(rowIds)
    this.doc.transact(() => {
      for (const id of rowIds) {
        this.removed.set(id, true)
        this.rows.delete(id)
      }
      for (const key of Array.from(this.cells.keys())) {
        if (doomed.has(key.slice(0, key.indexOf(':')))) this.cells.delete(key)
      }
    }, this.origin)
  }

  /**
   * Moves rows so the first lands at `toIndex` of the list without them. Only
   * the moved rows get new keys; a concurrent move of the same row by someone
   * else overwrites the same map entry, so the row ends up in one place.
   */
  moveRows(rowIds: readonly string[], toIndex: number): void {
    const moving = new Set(rowIds)
    const ordered = this.layout().rowIds.filter((id) => moving.has(id))
    const rest = this.layout().rowIds.filter((id) => !moving.has(id))
    const [before, after] = this.#neighbours(rest, toIndex, (id) => this.rows.get(id) ?? '')
    const keys = keysBetween(before, after, ordered.length)
    this.doc.transact(() => {
      ordered.forEach((id, i) => {
        this.rows.set(id, keys[i] as string)
      })
    }, this.origin)
  }

  /**
   * Puts `rowIds` (in this order) at `index` of the rows without them, in one transaction: a
   * row move of many rows at once, as a sort writes it.
   */
  placeRows(rowIds: readonly string[], index: number): void {
    const moving = new Set(rowIds)
    const rest = this.layout().rowIds.filter((id) => !moving.has(id))
    const [before, after] = this.#neighbours(rest, index, (id) => this.rows.get(id) ?? '')
    const keys = keysBetween(before, after, rowIds.length)
    this.doc.transact(() => {
      rowIds.forEach((id, i) => {
        this.rows.set(id, keys[i] as string)
      })
    }, this.origin)
  }

  insertColumns(index: number, count: number, type: ColumnType = 'text'): string[] {
    const { colIds } = this.layout()
    const [before, after] = this.#neighbours(colIds, index, (id) => this.#colKey(id))
    const keys = keysBetween(before, after, count)
    const ids = keys.map(() => newId())
    this.doc.transact(() => {
      ids.forEach((id, i) => {
        this.columns.set(id, columnMap('', DEFAULT_COLUMN_WIDTH, type, keys[i] as string))
      })
    }, this.origin)
    return ids
  }

  deleteColumns(colIds: readonly string[]): void {
    const doomed = new Set(colIds)
    this.doc.transact(() => {
      for (const id of colIds) {
        this.removed.set(id, true)
        this.columns.delete(id)
      }
      for (const key of Array.from(this.cells.keys())) {
        if (doomed.has(key.slice(key.indexOf(':') + 1))) this.cells.delete(key)
      }
    }, this.origin)
  }

  moveColumns(colIds: readonly string[], toIndex: number): void {
    const moving = new Set(colIds)
    const ordered = this.layout().colIds.filter((id) => moving.has(id))
    const rest = this.layout().colIds.filter((id) => !moving.has(id))
    const [before, after] = this.#neighbours(rest, toIndex, (id) => this.#colKey(id))
    const keys = keysBetween(before, after, ordered.length)
    this.doc.transact(() => {
      ordered.forEach((id, i) => {
        this.columns.get(id)?.set('order', keys[i] as string)
      })
    }, this.origin)
  }

  updateColumn(colId: string, patch: Partial<Omit<ColumnMeta, 'id'>>): void {
    const meta = this.columns.get(colId)
    if (!meta) return
    this.doc.transact(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) meta.set(k, v)
    }, this.origin)
  }

  #colKey(id: string): string {
    return String(this.columns.get(id)?.get('order') ?? '')
  }

  /**
   * Keys to insert between so new items land at `index` of `ids`. Equal keys
   * (two users inserted at the same spot at once) are skipped over, because
   * nothing fits strictly between two equal keys.
   */
  #neighbours(
    ids: readonly string[],
    index: number,
    keyOf: (id: string) => string,
  ): [string | null, string | null] {
    const i = Math.max(0, Math.min(index, ids.length))
    const before = i > 0 ? keyOf(ids[i - 1] as string) : null
    for (let j = i; j < ids.length; j++) {
      const k = keyOf(ids[j] as string)
      if (before === null || k > before) return [before, k]
    }
    return [before, null]
  }
}

function columnMap(name: string, width: number, type: ColumnType, order: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  m.set('name', name)
  m.set('width', width)
  m.set('type', type)
  m.set('order', order)
  return m
}
