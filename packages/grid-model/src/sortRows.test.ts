import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FormulaEvaluator } from './FormulaEvaluator.ts'
import { GridModel } from './GridModel.ts'
import { sortRows } from './sortRows.ts'
import { docWithClient, sync } from './testing.ts'

const ada = { id: 'u-ada', name: 'Ada' }

function column(model: GridModel): string[] {
  const { rowIds, colIds } = model.layout()
  return rowIds.map((r) => model.getValue(r, colIds[0] as string))
}

test('a shared sort reorders the rows for everyone, numbers first, empties last, one undo', () => {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(6, 2)
  const { rowIds, colIds } = a.layout()
  const values = ['pear', '10', '', 'apple', '9', 'fig']
  a.setCells(
    values.map((value, i) => ({ rowId: rowIds[i] as string, colId: colIds[0] as string, value })),
    ada,
  )
  a.setCell(rowIds[0] as string, colIds[1] as string, 'next to pear', ada)
  const undo = new Y.UndoManager(a.scope, {
    trackedOrigins: new Set([a.origin]),
    captureTimeout: 0,
  })
  sortRows(a, new FormulaEvaluator(a), rowIds, colIds[0] as string, false)
  sync(a.doc, b.doc)
  assert.deepEqual(column(b), ['9', '10', 'apple', 'fig', 'pear', ''])
  // Whole rows move: the neighbour of pear is still next to it.
  const pearRow = b.layout().rowIds[4] as string
  assert.equal(b.getValue(pearRow, colIds[1] as string), 'next to pear')
  sortRows(a, new FormulaEvaluator(a), rowIds, colIds[0] as string, true)
  assert.deepEqual(column(a), ['pear', 'fig', 'apple', '10', '9', ''])
  undo.undo()
  assert.deepEqual(column(a), ['9', '10', 'apple', 'fig', 'pear', ''])
})

test('sorting part of the sheet leaves the rows around it in place', () => {
  const a = new GridModel(new Y.Doc())
  a.initialize(5, 1)
  const { rowIds, colIds } = a.layout()
  a.setCells(
    ['top', 'c', 'a', 'b', 'bottom'].map((value, i) => ({
      rowId: rowIds[i] as string,
      colId: colIds[0] as string,
      value,
    })),
    ada,
  )
  sortRows(a, new FormulaEvaluator(a), rowIds.slice(1, 4), colIds[0] as string, false)
  assert.deepEqual(column(a), ['top', 'a', 'b', 'c', 'bottom'])
})
