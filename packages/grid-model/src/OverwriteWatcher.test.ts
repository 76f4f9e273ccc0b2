import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { GridModel } from './GridModel.ts'
import { type Overwrite, OverwriteWatcher } from './OverwriteWatcher.ts'
import { docWithClient, sync } from './testing.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

function setup() {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(3, 3)
  sync(a.doc, b.doc)
  const told: Record<string, Overwrite[]> = { ada: [], bob: [] }
  new OverwriteWatcher(a, { userId: ada.id, onOverwrite: (o) => told.ada?.push(o) })
  new OverwriteWatcher(b, { userId: bob.id, onOverwrite: (o) => told.bob?.push(o) })
  const { rowIds, colIds } = a.layout()
  return { a, b, told, r: rowIds[0] as string, c: colIds[0] as string }
}

test('concurrent edits of one cell converge; the loser is told who won, the winner whom it beat', () => {
  const { a, b, told, r, c } = setup()
  a.setCell(r, c, 'from Ada', ada)
  b.setCell(r, c, 'from Bob', bob)
  sync(a.doc, b.doc)
  const value = a.getValue(r, c)
  assert.equal(value, b.getValue(r, c), 'both see the same value')
  const loser = value === 'from Ada' ? 'bob' : 'ada'
  const winner = value === 'from Ada' ? ada : bob
  assert.equal(told[loser]?.length, 1)
  assert.equal(told[loser]?.[0]?.winner.v, value)
  assert.equal(told[loser]?.[0]?.winner.name, winner.name)
  assert.equal(told[loser]?.[0]?.kind, 'lost')
  const kept = told[loser === 'ada' ? 'bob' : 'ada'] ?? []
  assert.equal(kept.length, 1, 'the winner is told too')
  assert.equal(kept[0]?.kind, 'kept')
  assert.equal(kept[0]?.mine, value)
  assert.equal(kept[0]?.loser?.name, loser === 'ada' ? 'Ada' : 'Bob')
  assert.equal(kept[0]?.loser?.v, loser === 'ada' ? 'from Ada' : 'from Bob')
})

test('a race merged after a long offline period is still told to both sides', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
  const { a, b, told, r, c } = setup()
  a.setCell(r, c, 'offline Ada', ada)
  t.mock.timers.tick(10 * 60_000)
  b.setCell(r, c, 'online Bob', bob)
  t.mock.timers.tick(10 * 60_000)
  sync(a.doc, b.doc)
  const kinds = [...(told.ada ?? []), ...(told.bob ?? [])].map((o) => o.kind).sort()
  assert.deepEqual(kinds, ['kept', 'lost'])
})

test('an overwrite made after seeing my value is told within the window, as replaced', () => {
  const { a, b, told, r, c } = setup()
  a.setCell(r, c, 'first', ada)
  sync(a.doc, b.doc)
  b.setCell(r, c, 'second', bob)
  sync(a.doc, b.doc)
  assert.equal(told.ada?.length, 1)
  assert.equal(told.ada?.[0]?.kind, 'replaced')
  assert.equal(told.ada?.[0]?.winner.name, 'Bob')
  assert.equal(told.bob?.length, 0, 'Bob saw what he wrote over: no race')
})

test('an overwrite long after one’s own edit is not reported', (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 1_000_000 })
  const { a, b, told, r, c } = setup()
  a.setCell(r, c, 'old', ada)
  sync(a.doc, b.doc)
  t.mock.timers.tick(60_000)
  b.setCell(r, c, 'new', bob)
  sync(a.doc, b.doc)
  assert.equal(told.ada?.length, 0)
})

test('undoing one’s own edit is not an overwrite', () => {
  const { a, b, told, r, c } = setup()
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  b.setCell(r, c, 'base', bob)
  sync(a.doc, b.doc)
  a.setCell(r, c, 'mine', ada)
  undo.undo()
  assert.equal(a.getValue(r, c), 'base')
  assert.equal(told.ada?.length, 0)
})
