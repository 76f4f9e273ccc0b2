import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { GridModel } from './GridModel.ts'
import { docWithClient, sync } from './testing.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

function pair(): [GridModel, GridModel] {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(5, 3)
  sync(a.doc, b.doc)
  return [a, b]
}

function column(model: GridModel, colIndex: number): string[] {
  const { rowIds, colIds } = model.layout()
  return rowIds.map((r) => model.getValue(r, colIds[colIndex] as string))
}

test('two clients seeding an empty grid at once end with one sheet', () => {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(100, 26)
  b.initialize(100, 26)
  sync(a.doc, b.doc)
  assert.equal(a.layout().rowIds.length, 100)
  assert.equal(a.layout().colIds.length, 26)
  assert.deepEqual(a.layout(), b.layout())
})

test('moving a row carries its cells without rewriting them', () => {
  const [a] = pair()
  const { rowIds, colIds } = a.layout()
  a.setCell(rowIds[0] as string, colIds[0] as string, 'first', ada)
  const before = a.cells.toJSON()
  a.moveRows([rowIds[0] as string], 3)
  assert.deepEqual(column(a, 0), ['', '', '', 'first', ''])
  assert.deepEqual(a.cells.toJSON(), before, 'cells untouched by a move')
})

test('the same row moved by two users at once ends up in one place, once', () => {
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  const row = rowIds[1] as string
  a.setCell(row, colIds[0] as string, 'x', ada)
  sync(a.doc, b.doc)
  a.moveRows([row], 0)
  b.moveRows([row], 4)
  sync(a.doc, b.doc)
  assert.deepEqual(a.layout().rowIds, b.layout().rowIds)
  assert.equal(a.layout().rowIds.length, 5)
  assert.deepEqual(
    column(a, 0).filter((v) => v === 'x'),
    ['x'],
  )
})

test('concurrent inserts at the same spot keep both rows and all data', () => {
  const [a, b] = pair()
  const [ra] = a.insertRows(2, 1)
  const [rb] = b.insertRows(2, 1)
  a.setCell(ra as string, a.layout().colIds[0] as string, 'from-a', ada)
  b.setCell(rb as string, b.layout().colIds[0] as string, 'from-b', bob)
  sync(a.doc, b.doc)
  assert.deepEqual(a.layout().rowIds, b.layout().rowIds)
  assert.equal(a.layout().rowIds.length, 7)
  assert.deepEqual(column(a, 0).filter(Boolean).sort(), ['from-a', 'from-b'])
  // And there is still room to insert between the two tied rows' neighbourhood.
  a.insertRows(3, 1)
  assert.equal(a.layout().rowIds.length, 8)
})

test('a delete beats a concurrent move of the same row', () => {
  const [a, b] = pair()
  const row = a.layout().rowIds[2] as string
  a.deleteRows([row])
  b.moveRows([row], 0)
  sync(a.doc, b.doc)
  assert.ok(!a.layout().rowIds.includes(row))
  assert.deepEqual(a.layout().rowIds, b.layout().rowIds)
})

test('moving and deleting columns keeps cells keyed by ids', () => {
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  const [c0, c1, c2] = colIds as [string, string, string]
  a.setCell(rowIds[0] as string, c2, 'z', ada)
  a.moveColumns([c2], 0)
  assert.deepEqual(a.layout().colIds, [c2, c0, c1])
  b.deleteColumns([c0])
  sync(a.doc, b.doc)
  assert.deepEqual(a.layout().colIds, [c2, c1])
  assert.equal(b.getValue(rowIds[0] as string, c2), 'z')
})

test('undo reverts only this user’s edits', () => {
  const [a, b] = pair()
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  const { rowIds, colIds } = a.layout()
  const r0 = rowIds[0] as string
  const r1 = rowIds[1] as string
  const c0 = colIds[0] as string
  a.setCell(r0, c0, 'mine', ada)
  b.setCell(r1, c0, 'theirs', bob)
  sync(a.doc, b.doc)
  undo.undo()
  assert.equal(a.getValue(r0, c0), '')
  assert.equal(a.getValue(r1, c0), 'theirs')
  undo.redo()
  assert.equal(a.getValue(r0, c0), 'mine')
})

test('undoing a row delete brings back the row and its cells', () => {
  const [a] = pair()
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  const { rowIds, colIds } = a.layout()
  a.setCell(rowIds[1] as string, colIds[1] as string, 'keep', ada)
  undo.stopCapturing()
  a.deleteRows([rowIds[1] as string])
  assert.equal(a.layout().rowIds.length, 4)
  undo.undo()
  assert.deepEqual(a.layout().rowIds, rowIds)
  assert.equal(a.getValue(rowIds[1] as string, colIds[1] as string), 'keep')
})
