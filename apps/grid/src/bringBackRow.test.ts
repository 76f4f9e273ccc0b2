import assert from 'node:assert/strict'
import { test } from 'node:test'
import { GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import { bringBackRow, rowIsLive } from './bringBackRow.ts'

const ada = { id: 'ada', name: 'Ada' }

test('a row deleted since a past version comes back in its place with its values', () => {
  const doc = new Y.Doc()
  const live = new GridModel(doc)
  live.initialize(3, 2)
  const [r0, r1, r2] = live.layout().rowIds as [string, string, string]
  const [c0, c1] = live.layout().colIds as [string, string]
  live.setCells(
    [
      { rowId: r1, colId: c0, value: 'keep me' },
      { rowId: r1, colId: c1, value: '42' },
    ],
    ada,
  )
  const past = new GridModel(new Y.Doc())
  Y.applyUpdate(past.doc, Y.encodeStateAsUpdate(doc))
  live.deleteRows([r1])
  assert.equal(rowIsLive(live, r1), false)

  const back = bringBackRow(live, past, r1, ada)
  assert.ok(back)
  const rows = live.layout().rowIds
  assert.deepEqual(rows, [r0, back, r2])
  assert.equal(live.getValue(back, c0), 'keep me')
  assert.equal(live.getValue(back, c1), '42')
})

test('a row the past version does not have brings nothing back', () => {
  const live = new GridModel(new Y.Doc())
  live.initialize(1, 1)
  const past = new GridModel(new Y.Doc())
  past.initialize(1, 1)
  assert.equal(bringBackRow(live, past, 'nope', ada), null)
})
