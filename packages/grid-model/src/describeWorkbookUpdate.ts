import * as Y from 'yjs'
import { type GridChange, type SheetChange, watchChanges } from './describeUpdate.ts'
import { MAIN_SHEET } from './GridModel.ts'
import { SHEETS_TYPE, type SheetInfo, type Workbook } from './Workbook.ts'

const SHEET_TYPE = /^grid\.([a-z0-9]+)\.[a-z]+$/

/**
 * The sheets an update touches, also those it creates: read from the update itself, because a
 * sheet's types must be observed before the update that fills them is applied.
 */
function sheetsIn(update: Uint8Array): Set<string> {
  const ids = new Set<string>()
  for (const struct of Y.decodeUpdate(update).structs) {
    // In a decoded update, a top-level type is named by its parent string.
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null
    if (typeof parent !== 'string' || !(struct instanceof Y.Item)) continue
    if (parent === SHEETS_TYPE && struct.parentSub) {
      ids.add(struct.parentSub.slice(0, struct.parentSub.lastIndexOf('/')))
    }
    const m = SHEET_TYPE.exec(parent)
    if (m?.[1]) ids.add(m[1])
  }
  return ids
}

/**
 * Applies `update` to the workbook's document and says what it changed, sheet by sheet (each
 * change carries its sheet's name), with tab changes first. Runs on a private replay document.
 */
export function describeWorkbookUpdate(book: Workbook, update: Uint8Array): GridChange[] {
  const before = new Map(book.all().map((s) => [s.id, s]))
  const ids = new Set([MAIN_SHEET, ...before.keys(), ...sheetsIn(update)])
  const watches = [...ids].map((id) => ({ id, watch: watchChanges(book.model(id)) }))
  try {
    Y.applyUpdate(book.doc, update, 'history')
  } finally {
    for (const { watch } of watches) watch.stop()
  }
  const after = new Map(book.all().map((s) => [s.id, s]))
  const changes: GridChange[] = []
  for (const [id, now] of after) changes.push(...tabChanges(before.get(id), now))
  for (const { id, watch } of watches) {
    const sheet = after.get(id)?.name ?? id
    // A new sheet's blank rows and columns are part of "added", not news of their own.
    const isNew = !before.has(id) && after.has(id)
    for (const change of watch.changes()) {
      if (isNew && (change.kind === 'rows' || change.kind === 'columns')) continue
      changes.push({ ...change, sheet })
    }
  }
  return changes
}

function tabChanges(was: SheetInfo | undefined, now: SheetInfo): SheetChange[] {
  const sheet = now.name
  if (!was) return [{ kind: 'sheet', sheet, action: 'added' }]
  const out: SheetChange[] = []
  if (was.deleted !== now.deleted) {
    out.push({ kind: 'sheet', sheet, action: now.deleted ? 'deleted' : 'restored' })
  }
  if (was.name !== now.name) out.push({ kind: 'sheet', sheet, action: 'renamed', from: was.name })
  if (was.order !== now.order) out.push({ kind: 'sheet', sheet, action: 'moved' })
  return out
}
