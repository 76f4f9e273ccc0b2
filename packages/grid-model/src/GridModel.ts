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
import { blockKey, decodeBlock, encodeBlock, splitBlockKey, writerKeyOf } from './rowBlocks.ts'
import type {
  Author,
  CellEntry,
  CellFormat,
  ColumnMeta,
  ColumnType,
  GridLayout,
  SheetDirectory,
} from './types.ts'

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
  /** `${rowId}:${colId}` → CellFormat; apart from cells so a value write never resets a format */
  formats: 'grid.formats',
  /**
   * `${rowId}/${writerKey}` → a row's cells as one string (rowBlocks.ts, decision 0203): the base
   * layer bulk writes fill; a `cells` entry of the same cell wins over it.
   */
  blocks: 'grid.blocks',
  /**
   * author key → { id, name }: who the compact cells' author keys name (cellCodec.ts). One map
   * for the whole document, shared by every sheet: an author is the document's, not a sheet's
   * (decision 0133).
   */
  authors: 'grid.authors',
} as const

/**
 * The sheet every document has: a document from before sheets existed is this sheet, unchanged,
 * because its types keep the names above. Other sheets prefix them with their id.
 */
export const MAIN_SHEET = 'main'

/** The types each sheet has its own of; `authors` is the document's, one for all sheets. */
export type SheetTypeKind = Exclude<keyof typeof GRID_TYPES, 'authors'>

/** The name of one of a sheet's top-level types (stored format, never rename). */
export function sheetTypeName(sheetId: string, kind: SheetTypeKind): string {
  return sheetId === MAIN_SHEET ? GRID_TYPES[kind] : `grid.${sheetId}.${kind}`
}

export type GridModelOptions = {
  /** Which sheet of the document this model edits; MAIN_SHEET when absent. */
  sheetId?: string
  /** The workbook's sheets, for cross-sheet references (see Workbook). */
  sheets?: SheetDirectory
}

type Layout = GridLayout & { rowIndex: Map<string, number>; colIndex: Map<string, number> }

/** A cell as a row's blocks hold it: its stored text, author key and the block holding it. */
type BaseCell = { v: string; author: string; block: string }

/** One cell of a bulk or a per-cell write. */
export type CellWrite = { rowId: string; colId: string; value: string }

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
  readonly formats: Y.Map<CellFormat>
  /** Row blocks, the base layer under `cells` (rowBlocks.ts). */
  readonly blocks: Y.Map<string>
  /**
   * The document's one author registry, the same map for every sheet. Not in the undo scope: an
   * author stays known after their edits are undone.
   */
  readonly authors: Y.Map<AuthorRecord>
  readonly sheetId: string
  readonly #sheets: SheetDirectory | undefined
  #layout: Layout | null = null
  /** rowId → its block keys, in writer-key order; built on first read of a block. */
  #blockIndex: Map<string, string[]> | null = null
  /** rowId → its blocks merged, for rows read since blocks last changed. */
  #rowBases = new Map<string, Map<string, BaseCell>>()

  constructor(doc: Y.Doc, origin: object = { name: 'local' }, options: GridModelOptions = {}) {
    this.doc = doc
    this.origin = origin
    this.sheetId = options.sheetId ?? MAIN_SHEET
    this.#sheets = options.sheets
    this.columns = doc.getMap(sheetTypeName(this.sheetId, 'columns'))
    this.rows = doc.getMap(sheetTypeName(this.sheetId, 'rows'))
    this.removed = doc.getMap(sheetTypeName(this.sheetId, 'removed'))
    this.cells = doc.getMap(sheetTypeName(this.sheetId, 'cells'))
    this.formats = doc.getMap(sheetTypeName(this.sheetId, 'formats'))
    this.blocks = doc.getMap(sheetTypeName(this.sheetId, 'blocks'))
    this.authors = doc.getMap(GRID_TYPES.authors)
    const invalidate = () => {
      this.#layout = null
    }
    // Blocks change only with bulk writes and their undo: rare enough to forget all that was read.
    this.blocks.observe(() => this.#forgetBlocks())
    this.rows.observe(invalidate)
    this.removed.observe(invalidate)
    this.columns.observeDeep(invalidate)
  }

  /** The Yjs types an UndoManager should watch. */
  get scope(): Y.AbstractType<unknown>[] {
    return [
      this.columns,
      this.rows,
      this.removed,
      this.cells,
      this.formats,
      this.blocks,
    ] as Y.AbstractType<unknown>[]
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

  layout(): Layout {
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
      ...(this.#sheets ? { sheets: this.#sheets } : {}),
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

  /**
   * A cell read through both layers: its `grid.cells` entry when it has one (a clear is an empty
   * entry, so it hides the blocks too), else its value in the row's blocks.
   */
  getCell(rowId: string, colId: string): CellEntry | undefined {
    const stored = this.cells.get(cellKey(rowId, colId))
    if (stored !== undefined) return this.decode(stored)
    const base = this.#baseCell(rowId, colId)
    if (!base) return undefined
    const author = this.authors.get(base.author)
    return { v: base.v, by: author?.id ?? '', name: author?.name ?? '' }
  }

  /** A stored cell (a `grid.cells` value, an item's content) read with its author. */
  decode(stored: unknown): CellEntry | undefined {
    return decodeCell(stored, this.authors)
  }

  /** The raw stored text of a cell ('' when empty), read through both layers. */
  getValue(rowId: string, colId: string): string {
    const stored = this.cells.get(cellKey(rowId, colId))
    if (stored !== undefined) return cellValue(stored)
    return this.#baseCell(rowId, colId)?.v ?? ''
  }

  /** What the row's blocks hold for a cell, whatever `grid.cells` holds over it ('' for none). */
  baseValue(rowId: string, colId: string): string {
    return this.#baseCell(rowId, colId)?.v ?? ''
  }

  /**
   * Names the write a cell now holds (the Yjs item's id), '' when it has none: two reads with
   * the same stamp saw the same write, even of the same value by the same author.
   */
  cellStamp(rowId: string, colId: string): string {
    const item = this.cells._map.get(cellKey(rowId, colId))
    if (item && !item.deleted) return `${item.id.client}:${item.id.clock}`
    const base = this.#baseCell(rowId, colId)
    const block = base ? this.blocks._map.get(base.block) : undefined
    return block && !block.deleted ? `${block.id.client}:${block.id.clock}` : ''
  }

  /** Every cell holding a value (not cleared), by ids; rows and columns deleted included. */
  *filledCells(): Generator<[rowId: string, colId: string]> {
    for (const [key, stored] of this.cells) {
      if (cellValue(stored) !== '') yield splitCellKey(key)
    }
    for (const [rowId, keys] of this.#blocksByRow()) {
      // Read without keeping it: a walk over every row would fill the read cache for nothing. A
      // row has one block but after concurrent bulk writes: no merge needed then.
      const values =
        keys.length === 1
          ? decodeBlock(this.blocks.get(keys[0] as string)).values
          : new Map([...this.#mergeBlocks(rowId)].map(([colId, base]) => [colId, base.v]))
      for (const [colId, v] of values) {
        if (v !== '' && !this.cells.has(cellKey(rowId, colId))) yield [rowId, colId]
      }
    }
  }

  #baseCell(rowId: string, colId: string): BaseCell | undefined {
    let merged = this.#rowBases.get(rowId)
    if (!merged) {
      if (!this.#blocksByRow().has(rowId)) return undefined
      merged = this.#mergeBlocks(rowId)
      this.#rowBases.set(rowId, merged)
    }
    return merged.get(colId)
  }

  /** A row's blocks as one: for a cell two blocks hold, the first in writer-key order wins. */
  #mergeBlocks(rowId: string): Map<string, BaseCell> {
    const merged = new Map<string, BaseCell>()
    for (const key of this.#blocksByRow().get(rowId) ?? []) {
      const block = decodeBlock(this.blocks.get(key))
      for (const [colId, v] of block.values) {
        if (!merged.has(colId)) merged.set(colId, { v, author: block.author, block: key })
      }
    }
    return merged
  }

  #blocksByRow(): Map<string, string[]> {
    if (this.#blockIndex) return this.#blockIndex
    const index = new Map<string, string[]>()
    for (const key of this.blocks.keys()) {
      const parts = splitBlockKey(key)
      if (!parts) continue
      const keys = index.get(parts[0])
      if (keys) keys.push(key)
      else index.set(parts[0], [key])
    }
    for (const keys of index.values()) if (keys.length > 1) keys.sort(byWriterKey)
    this.#blockIndex = index
    return index
  }

  #forgetBlocks(): void {
    this.#blockIndex = null
    this.#rowBases.clear()
  }

  /**
   * Writes many cells in one transaction (one undo step). An empty value is
   * kept as an entry, not deleted, so a clear also records who cleared it.
   */
  setCells(writes: ReadonlyArray<CellWrite>, author: Author): void {
    if (writes.length === 0) return
    const at = Date.now()
    this.doc.transact(() => {
      const encode = this.#encoderFor(author, at)
      for (const w of writes) {
        // A clear of a cell only a block holds is written: the empty entry hides the block.
        if (w.value === '' && this.getValue(w.rowId, w.colId) === '') continue
        this.cells.set(cellKey(w.rowId, w.colId), encode(w.value))
      }
    }, this.origin)
  }

  /**
   * A bulk write (a file import, a paste that adds rows, a seed), in one transaction: each row
   * that holds nothing yet (no cell entry, no block; new rows are such rows) gets its values as
   * one block, the others get cells as setCells writes them. A block is never written over a
   * row holding something, so a value written before the bulk write is never hidden by it, and
   * a later bulk write over the same rows writes cells (decision 0203).
   */
  setRowsInBulk(writes: ReadonlyArray<CellWrite>, author: Author): void {
    if (writes.length === 0) return
    const key = authorKey(author.id)
    const known = this.authors.get(key)
    // The author key names someone else: only a cell can carry this author (the legacy form).
    if (known && known.id !== author.id) {
      this.setCells(writes, author)
      return
    }
    const byRow = new Map<string, Map<string, string>>()
    for (const w of writes) {
      const row = byRow.get(w.rowId)
      if (row) row.set(w.colId, w.value)
      else byRow.set(w.rowId, new Map([[w.colId, w.value]]))
    }
    this.doc.transact(() => {
      const held = this.#rowsHoldingSomething()
      const writer = writerKeyOf(this.doc.clientID)
      const cellWrites: CellWrite[] = []
      let registered = known?.name === author.name
      for (const [rowId, row] of byRow) {
        if (held.has(rowId)) {
          for (const [colId, value] of row) cellWrites.push({ rowId, colId, value })
          continue
        }
        const filled = [...row].filter(([, value]) => value !== '')
        if (filled.length === 0) continue
        if (!registered) {
          this.authors.set(key, { id: author.id, name: author.name })
          registered = true
        }
        this.blocks.set(blockKey(rowId, writer), encodeBlock(key, filled))
      }
      // Read within this transaction too (the observer runs only at its end).
      this.#forgetBlocks()
      this.setCells(cellWrites, author)
    }, this.origin)
  }

  /** Rows with any cell entry (a clear included) or any block. */
  #rowsHoldingSomething(): Set<string> {
    const held = new Set(this.#blocksByRow().keys())
    for (const key of this.cells.keys()) held.add(key.slice(0, key.indexOf(':')))
    return held
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

  /** How a cell's value is shown; Automatic when none was set. */
  getFormat(rowId: string, colId: string): CellFormat | undefined {
    return this.formats.get(cellKey(rowId, colId))
  }

  /** Sets (or, with `null`, clears back to Automatic) the format of many cells: one undo step. */
  setFormats(
    cells: ReadonlyArray<{ rowId: string; colId: string }>,
    format: CellFormat | null | ((old: CellFormat | undefined) => CellFormat | null),
  ): void {
    if (cells.length === 0) return
    this.doc.transact(() => {
      for (const { rowId, colId } of cells) {
        const key = cellKey(rowId, colId)
        const next = typeof format === 'function' ? format(this.formats.get(key)) : format
        if (next === null) this.formats.delete(key)
        else this.formats.set(key, next)
      }
    }, this.origin)
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
      for (const key of Array.from(this.blocks.keys())) {
        const row = splitBlockKey(key)?.[0]
        if (row !== undefined && doomed.has(row)) this.blocks.delete(key)
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

function byWriterKey(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function columnMap(name: string, width: number, type: ColumnType, order: string): Y.Map<unknown> {
  const m = new Y.Map<unknown>()
  m.set('name', name)
  m.set('width', width)
  m.set('type', type)
  m.set('order', order)
  return m
}
