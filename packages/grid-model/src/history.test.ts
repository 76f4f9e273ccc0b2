import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { toStoredFormula } from './formulaRefs.ts'
import { GridModel } from './GridModel.ts'
import { type HistoryEntry, replayHistory, toBase64 } from './history.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

/** Records every update of a live doc as the server's log would. */
function recorder() {
  const doc = new Y.Doc()
  const model = new GridModel(doc)
  const entries: HistoryEntry[] = []
  let who = ada
  doc.on('update', (u: Uint8Array) => {
    entries.push({
      id: String(entries.length + 1),
      userId: who.id,
      userName: who.name,
      nodeId: 'node-a',
      receivedAt: new Date(0).toISOString(),
      update: toBase64(u),
    })
  })
  return { model, entries, as: (u: typeof ada) => (who = u) }
}

test('each logged edit reads as who changed which cell from what to what', () => {
  const { model, entries, as } = recorder()
  model.initialize(3, 3)
  const { rowIds, colIds } = model.layout()
  model.setCell(rowIds[1] as string, colIds[2] as string, 'hello', ada)
  as(bob)
  model.setCell(rowIds[1] as string, colIds[2] as string, 'world', bob)
  model.setCell(
    rowIds[0] as string,
    colIds[0] as string,
    toStoredFormula('=C2', model.layout()),
    bob,
  )

  const items = replayHistory({ base: '', entries })
  const cells = items.flatMap((i) =>
    i.changes.filter((c) => c.kind === 'cell').map((c) => ({ who: i.userName, ...c })),
  )
  assert.deepEqual(
    cells.map(({ who, ref, from, to }) => ({ who, ref, from, to })),
    [
      { who: 'Ada', ref: 'C2', from: '', to: 'hello' },
      { who: 'Bob', ref: 'C2', from: 'hello', to: 'world' },
      { who: 'Bob', ref: 'A1', from: '', to: '=C2' },
    ],
  )
})

test('replay starts from the base state, and structure changes are summarised', () => {
  const { model, entries } = recorder()
  model.initialize(4, 2)
  const base = toBase64(Y.encodeStateAsUpdate(model.doc))
  entries.length = 0
  const { rowIds, colIds } = model.layout()
  model.setCell(rowIds[3] as string, colIds[0] as string, 'x', ada)
  model.deleteRows([rowIds[0] as string])
  model.moveRows([rowIds[1] as string], 2)
  model.updateColumn(colIds[1] as string, { name: 'Total' })

  const items = replayHistory({ base, entries })
  const sheet = 'Sheet1'
  assert.deepEqual(
    items.map((i) => i.changes),
    [
      // Each change names its sheet: a document from before sheets is one sheet, Sheet1.
      [{ kind: 'cell', sheet, rowId: rowIds[3], colId: colIds[0], ref: 'A4', from: '', to: 'x' }],
      [{ kind: 'rows', sheet, inserted: 0, deleted: 1, moved: 0 }],
      [{ kind: 'rows', sheet, inserted: 0, deleted: 0, moved: 1 }],
      [{ kind: 'column', sheet, colId: colIds[1], ref: 'B', field: 'name', from: '', to: 'Total' }],
    ],
  )
})

test('an import stored as row blocks, a clear of one of its cells and its undo read as cells', () => {
  const { model, entries } = recorder()
  model.initialize(2, 2)
  const undo = new Y.UndoManager(model.scope, {
    trackedOrigins: new Set([model.origin]),
    captureTimeout: 0,
  })
  const { rowIds, colIds } = model.layout()
  const [r0, r1] = rowIds as [string, string]
  const [c0, c1] = colIds as [string, string]
  model.setRowsInBulk(
    [
      { rowId: r0, colId: c0, value: 'a' },
      { rowId: r1, colId: c1, value: 'b' },
    ],
    ada,
  )
  model.setCell(r1, c1, '', ada)
  undo.undo()
  undo.undo()

  const items = replayHistory({ base: '', entries })
  const cells = items.map((i) =>
    i.changes.filter((c) => c.kind === 'cell').map(({ ref, from, to }) => `${ref} ${from}→${to}`),
  )
  assert.deepEqual(cells.slice(1), [['A1 →a', 'B2 →b'], ['B2 b→'], ['B2 →b'], ['A1 a→', 'B2 b→']])
})
