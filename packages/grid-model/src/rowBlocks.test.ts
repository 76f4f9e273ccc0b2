import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FormulaEvaluator } from './FormulaEvaluator.ts'
import { type CellWrite, GridModel } from './GridModel.ts'
import { decodeBlock, encodeBlock } from './rowBlocks.ts'
import { docWithClient, sync } from './testing.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

/** Two clients sharing a blank 3-row × 3-column sheet. */
function pair(): [GridModel, GridModel] {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(3, 3)
  sync(a.doc, b.doc)
  return [a, b]
}

/** Every shown cell, row by row, as the user sees the stored text. */
function sheet(model: GridModel): string[][] {
  const { rowIds, colIds } = model.layout()
  return rowIds.map((r) => colIds.map((c) => model.getValue(r, c)))
}

/** A CSV-like import of `values` at A1, adding rows past the sheet's end as a paste does. */
function importAt(model: GridModel, values: string[][], author = ada): void {
  model.doc.transact(() => {
    // Rows inserted show in the layout only once the transaction ends: their ids are returned.
    const { colIds, rowIds: have } = model.layout()
    const added =
      values.length > have.length ? model.insertRows(have.length, values.length - have.length) : []
    const rowIds = [...have, ...added]
    const writes: CellWrite[] = []
    values.forEach((row, r) => {
      row.forEach((value, c) => {
        writes.push({ rowId: rowIds[r] as string, colId: colIds[c] as string, value })
      })
    })
    model.setRowsInBulk(writes, author)
  }, model.origin)
}

test('a bulk write into rows holding nothing stores one item per row, read as cells', () => {
  const [a] = pair()
  importAt(a, [
    ['1', '2', '3'],
    ['4', '', '6'],
    ['7', '8', '9'],
    ['10', '11', '12'],
  ])
  assert.equal(a.blocks.size, 4)
  assert.equal(a.cells.size, 0)
  assert.deepEqual(sheet(a), [
    ['1', '2', '3'],
    ['4', '', '6'],
    ['7', '8', '9'],
    ['10', '11', '12'],
  ])
  const { rowIds, colIds } = a.layout()
  assert.deepEqual(a.getCell(rowIds[0] as string, colIds[1] as string), {
    v: '2',
    by: 'u-ada',
    name: 'Ada',
  })
  assert.equal([...a.filledCells()].length, 11)
})

test('an import and a concurrent edit of a cell of its rows are both kept', () => {
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  const [r1, c0, c1] = [rowIds[1] as string, colIds[0] as string, colIds[1] as string]
  importAt(a, [
    ['a1', 'b1', 'c1'],
    ['a2', 'b2', 'c2'],
  ])
  b.setCell(r1, c1, 'typed', bob)
  sync(a.doc, b.doc)
  for (const model of [a, b]) {
    assert.equal(model.getValue(r1, c1), 'typed', 'the edit wins over the block')
    assert.equal(model.getValue(r1, c0), 'a2', 'the rest of the imported row is kept')
    assert.deepEqual(sheet(model)[0], ['a1', 'b1', 'c1'])
  }
})

test('an edit made after seeing an import wins, on both sides', () => {
  const [a, b] = pair()
  importAt(a, [['x', 'y', 'z']])
  sync(a.doc, b.doc)
  const { rowIds, colIds } = b.layout()
  b.setCell(rowIds[0] as string, colIds[2] as string, 'z2', bob)
  sync(a.doc, b.doc)
  assert.deepEqual(sheet(a)[0], ['x', 'y', 'z2'])
  assert.deepEqual(sheet(b)[0], ['x', 'y', 'z2'])
})

test('two concurrent imports into the same rows keep every cell only one of them wrote', () => {
  const [a, b] = pair()
  importAt(a, [['from a', '', 'both a']])
  importAt(b, [['', 'from b', 'both b']], bob)
  sync(a.doc, b.doc)
  assert.equal(a.blocks.size, 2)
  assert.deepEqual(sheet(a), sheet(b))
  const [first] = sheet(a)
  assert.deepEqual(first?.slice(0, 2), ['from a', 'from b'])
  // A cell both wrote takes one winner, the same everywhere (the lower writer key: client 1).
  assert.equal(first?.[2], 'both a')
  assert.equal([...a.filledCells()].length, 3, 'each filled cell once, from either block')
})

test('a later bulk write over rows that hold something writes cells, never a new block', () => {
  const [a] = pair()
  importAt(a, [['old', 'old', 'old']])
  importAt(a, [['new', '', 'new']])
  assert.equal(a.blocks.size, 1)
  assert.deepEqual(sheet(a)[0], ['new', '', 'new'])
  // A row a user typed in, then cleared, holds something too: its clear would be hidden.
  const { rowIds, colIds } = a.layout()
  a.setCell(rowIds[1] as string, colIds[0] as string, 'typed', bob)
  assert.equal(a.blocks.size, 1)
})

test('clearing a cell only a block holds stays cleared after a reload', () => {
  const [a] = pair()
  importAt(a, [['keep', 'clear me', 'keep']])
  const { rowIds, colIds } = a.layout()
  a.setCell(rowIds[0] as string, colIds[1] as string, '', bob)
  assert.equal(a.getValue(rowIds[0] as string, colIds[1] as string), '')
  const reloaded = new GridModel(new Y.Doc())
  Y.applyUpdate(reloaded.doc, Y.encodeStateAsUpdate(a.doc))
  assert.deepEqual(sheet(reloaded)[0], ['keep', '', 'keep'])
  assert.deepEqual(
    [...reloaded.filledCells()].map(([, c]) => c),
    [colIds[0], colIds[2]],
  )
})

test('undo of an import removes its rows and blocks, and redo brings them back', () => {
  const [a] = pair()
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  importAt(a, [['1'], ['2'], ['3'], ['4'], ['5']])
  assert.equal(a.layout().rowIds.length, 5)
  undo.undo()
  assert.equal(a.blocks.size, 0)
  assert.equal(a.layout().rowIds.length, 3)
  assert.deepEqual(sheet(a), [
    ['', '', ''],
    ['', '', ''],
    ['', '', ''],
  ])
  undo.redo()
  assert.deepEqual(
    sheet(a).map((row) => row[0]),
    ['1', '2', '3', '4', '5'],
  )
})

test('a document without blocks reads as before, and per-cell writes stay per cell', () => {
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  a.setCells(
    [
      { rowId: rowIds[0] as string, colId: colIds[0] as string, value: 'per cell' },
      { rowId: rowIds[2] as string, colId: colIds[2] as string, value: '=1+1' },
    ],
    ada,
  )
  sync(a.doc, b.doc)
  assert.equal(b.blocks.size, 0)
  assert.deepEqual(sheet(b), [
    ['per cell', '', ''],
    ['', '', ''],
    ['', '', '=1+1'],
  ])
  assert.equal(new FormulaEvaluator(b).display(rowIds[2] as string, colIds[2] as string), '2')
  assert.equal(b.cellStamp(rowIds[1] as string, colIds[1] as string), '')
})

test('formulas read block cells and are recomputed when an import arrives or is undone', () => {
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  const [r0, r2] = [rowIds[0] as string, rowIds[2] as string]
  b.setCell(r2, colIds[0] as string, `=SUM(A1:C1)`, bob)
  sync(a.doc, b.doc)
  const evaluator = new FormulaEvaluator(b)
  assert.equal(evaluator.display(r2, colIds[0] as string), '0')
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  a.setRowsInBulk(
    colIds.map((colId, i) => ({ rowId: r0, colId, value: String(i + 1) })),
    ada,
  )
  sync(a.doc, b.doc)
  assert.equal(evaluator.display(r2, colIds[0] as string), '6')
  undo.undo()
  sync(a.doc, b.doc)
  assert.equal(evaluator.display(r2, colIds[0] as string), '0')
})

test('deleting a row removes its blocks with it; undo brings both back', () => {
  const [a] = pair()
  importAt(a, [['gone', 'too']])
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  const row = a.layout().rowIds[0] as string
  a.deleteRows([row])
  assert.equal(a.blocks.size, 0)
  undo.undo()
  assert.deepEqual(sheet(a)[0], ['gone', 'too', ''])
})

test('a hostile block reads as nothing, the same on every client', () => {
  for (const hostile of [42, null, 'not json', '{"a":1}', '[1,2]', '["k","c0"]', '["k",1,"v"]']) {
    assert.equal(decodeBlock(hostile).values.size, 0, JSON.stringify(hostile))
  }
  // Deep nesting is refused before it is parsed (parsing it would take seconds); brackets
  // inside a value are text like any other.
  const deep = `["k","c0",${'['.repeat(500_000)}${']'.repeat(500_000)}]`
  assert.equal(decodeBlock(deep).values.size, 0)
  const bracketed = '[{"x\\"]'
  assert.equal(decodeBlock(encodeBlock('k', [['c0', bracketed]])).values.get('c0'), bracketed)
  const [a, b] = pair()
  const { rowIds, colIds } = a.layout()
  const r0 = rowIds[0] as string
  a.blocks.set(`${r0}/zz`, '["k",1,"v"]')
  a.blocks.set('no-writer', '["k","c0","v"]')
  a.blocks.set(`${r0}/`, '["k","c0","v"]')
  sync(a.doc, b.doc)
  assert.deepEqual(sheet(b)[0], ['', '', ''])
  assert.equal(b.getCell(r0, colIds[0] as string), undefined)
})
