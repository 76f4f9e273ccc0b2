import * as Y from 'yjs'
import { cellAddress, columnLetter } from './a1.ts'
import { cellValue, type StoredCell } from './cellCodec.ts'
import { toDisplayFormula } from './formulaRefs.ts'
import type { GridModel } from './GridModel.ts'
import { cellKey, splitCellKey } from './ids.ts'
import { decodeBlock, splitBlockKey } from './rowBlocks.ts'
import type { CellFormat, GridLayout } from './types.ts'

export type CellChange = {
  kind: 'cell'
  /** The sheet's name (set when the document is read as a workbook). */
  sheet?: string
  rowId: string
  colId: string
  /** Address at the time of the change. */
  ref: string
  from: string
  to: string
}

export type StructureChange = {
  kind: 'rows' | 'columns'
  sheet?: string
  inserted: number
  deleted: number
  moved: number
}

export type ColumnChange = {
  kind: 'column'
  sheet?: string
  colId: string
  /** Column letter at the time of the change. */
  ref: string
  field: 'name' | 'width' | 'type'
  from: unknown
  to: unknown
}

/** A tab added, renamed, deleted, restored or moved. */
export type SheetChange = {
  kind: 'sheet'
  sheet: string
  action: 'added' | 'renamed' | 'deleted' | 'restored' | 'moved'
  /** For `renamed`: the name before. */
  from?: string
}

/** A number format set or cleared on cells. */
export type FormatChange = { kind: 'format'; sheet?: string; cells: number }

export type GridChange = CellChange | StructureChange | ColumnChange | SheetChange | FormatChange

type Layout = GridLayout & { rowIndex: Map<string, number>; colIndex: Map<string, number> }

/**
 * Applies `update` to the model's document and says what it changed, in
 * spreadsheet terms. Used to turn the server's update log into an activity
 * feed; runs on a private replay document, never on the live one.
 */
export function describeUpdate(model: GridModel, update: Uint8Array): GridChange[] {
  const watch = watchChanges(model)
  try {
    Y.applyUpdate(model.doc, update, 'history')
  } finally {
    watch.stop()
  }
  return watch.changes()
}

/** Observes one sheet while an update is applied; `changes` then says what it changed. */
export function watchChanges(model: GridModel): { stop(): void; changes(): GridChange[] } {
  const before = model.layout()
  // Yjs only lets changes be read inside the handler, so copy them out.
  let cellKeys: Map<string, { action: string; oldValue: unknown }> | null = null
  let movedRows = 0
  let movedCols = 0
  const columnFields: Array<{ colId: string; field: string; from: unknown; to: unknown }> = []

  const onCells = (e: Y.YMapEvent<StoredCell>) => {
    cellKeys = new Map(e.changes.keys)
  }
  const onRows = (e: Y.YMapEvent<string>) => {
    for (const [id, change] of e.changes.keys) {
      if (change.action === 'update' && before.rowIndex.has(id)) movedRows++
    }
  }
  const onColumns = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
    for (const e of events) {
      if (e.target === model.columns) continue
      const colId = e.path[0] ?? findColumnId(model, e.target)
      for (const [field, change] of e.changes.keys) {
        const to = (e.target as Y.Map<unknown>).get(field)
        if (field === 'order') {
          if (change.action === 'update') movedCols++
        } else columnFields.push({ colId: String(colId), field, from: change.oldValue, to })
      }
    }
  }
  let blockKeys: Map<string, { action: string; oldValue: unknown }> | null = null
  const onBlocks = (e: Y.YMapEvent<string>) => {
    blockKeys = new Map(e.changes.keys)
  }
  let formatted = 0
  const onFormats = (e: Y.YMapEvent<CellFormat>) => {
    formatted = e.changes.keys.size
  }
  model.cells.observe(onCells)
  model.rows.observe(onRows)
  model.columns.observeDeep(onColumns)
  model.formats.observe(onFormats)
  model.blocks.observe(onBlocks)
  const stop = () => {
    model.cells.unobserve(onCells)
    model.rows.unobserve(onRows)
    model.columns.unobserveDeep(onColumns)
    model.formats.unobserve(onFormats)
    model.blocks.unobserve(onBlocks)
  }
  const changes = () =>
    collect(model, before, { cellKeys, blockKeys }, movedRows, movedCols, columnFields, formatted)
  return { stop, changes }
}

type KeyChanges = Map<string, { action: string; oldValue: unknown }>

function collect(
  model: GridModel,
  before: Layout,
  { cellKeys, blockKeys }: { cellKeys: KeyChanges | null; blockKeys: KeyChanges | null },
  movedRows: number,
  movedCols: number,
  columnFields: Array<{ colId: string; field: string; from: unknown; to: unknown }>,
  formatted: number,
): GridChange[] {
  const after = model.layout()
  const changes: GridChange[] = []
  if (after !== before) {
    changes.push(...structure('rows', before.rowIds, after.rowIds, movedRows))
    changes.push(...structure('columns', before.colIds, after.colIds, movedCols))
  }
  for (const c of columnFields) {
    const index = after.colIndex.get(c.colId) ?? before.colIndex.get(c.colId)
    if (index === undefined) continue
    changes.push({
      kind: 'column',
      colId: c.colId,
      ref: columnLetter(index),
      field: c.field as ColumnChange['field'],
      from: c.from,
      to: c.to,
    })
  }
  const cells = [
    ...(cellKeys ? cellChanges(model, cellKeys, before, after) : []),
    ...(blockKeys ? blockChanges(model, blockKeys, cellKeys, before, after) : []),
  ]
  changes.push(...cells.sort((a, b) => compareRefs(a, b, after)))
  if (formatted > 0) changes.push({ kind: 'format', cells: formatted })
  return changes
}

function cellChanges(
  model: GridModel,
  keys: KeyChanges,
  before: Layout,
  after: Layout,
): CellChange[] {
  const out: CellChange[] = []
  for (const [key, change] of keys) {
    const [rowId, colId] = splitCellKey(key)
    const live = after.rowIndex.has(rowId) && after.colIndex.has(colId)
    // Cells that went away with their row or column are reported as that.
    if (change.action === 'delete' && !live) continue
    const row = after.rowIndex.get(rowId) ?? before.rowIndex.get(rowId)
    const col = after.colIndex.get(colId) ?? before.colIndex.get(colId)
    if (row === undefined || col === undefined) continue
    // A new entry (a first edit, a clear) covers what the row's blocks showed; a removed one
    // (its undo) shows them again.
    const was = change.action === 'add' ? model.baseValue(rowId, colId) : cellValue(change.oldValue)
    const from = toDisplayFormula(was, before)
    const to = toDisplayFormula(model.getValue(rowId, colId), after)
    if (from === to) continue
    out.push({ kind: 'cell', rowId, colId, ref: cellAddress(row, col), from, to })
  }
  return out
}

/** The cells a bulk write (or its undo) changed: those of its blocks no cell entry covers. */
function blockChanges(
  model: GridModel,
  keys: KeyChanges,
  cellKeys: KeyChanges | null,
  before: Layout,
  after: Layout,
): CellChange[] {
  const out: CellChange[] = []
  for (const [key, change] of keys) {
    const rowId = splitBlockKey(key)?.[0]
    if (rowId === undefined) continue
    const row = after.rowIndex.get(rowId) ?? before.rowIndex.get(rowId)
    // Blocks that went away with their row are reported as that.
    if (row === undefined || (change.action === 'delete' && !after.rowIndex.has(rowId))) continue
    const old = decodeBlock(change.oldValue).values
    const now = decodeBlock(model.blocks.get(key)).values
    for (const colId of new Set([...old.keys(), ...now.keys()])) {
      const cell = cellKey(rowId, colId)
      if (cellKeys?.has(cell) || model.cells.has(cell)) continue
      const col = after.colIndex.get(colId) ?? before.colIndex.get(colId)
      if (col === undefined) continue
      const from = toDisplayFormula(old.get(colId) ?? '', before)
      const to = toDisplayFormula(model.getValue(rowId, colId), after)
      if (from === to) continue
      out.push({ kind: 'cell', rowId, colId, ref: cellAddress(row, col), from, to })
    }
  }
  return out
}

function compareRefs(a: CellChange, b: CellChange, layout: Layout): number {
  const ra = layout.rowIndex.get(a.rowId) ?? 0
  const rb = layout.rowIndex.get(b.rowId) ?? 0
  if (ra !== rb) return ra - rb
  return (layout.colIndex.get(a.colId) ?? 0) - (layout.colIndex.get(b.colId) ?? 0)
}

function structure(
  kind: 'rows' | 'columns',
  before: string[],
  after: string[],
  moved: number,
): StructureChange[] {
  const was = new Set(before)
  const now = new Set(after)
  const inserted = after.filter((id) => !was.has(id)).length
  const deleted = before.filter((id) => !now.has(id)).length
  if (inserted === 0 && deleted === 0 && moved === 0) return []
  return [{ kind, inserted, deleted, moved }]
}

function findColumnId(model: GridModel, target: unknown): string {
  for (const [id, meta] of model.columns) if (meta === target) return id
  return ''
}
