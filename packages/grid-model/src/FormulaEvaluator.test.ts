import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FormulaEvaluator } from './FormulaEvaluator.ts'
import { toStoredFormula } from './formulaRefs.ts'
import { GridModel } from './GridModel.ts'

const ada = { id: 'u-ada', name: 'Ada' }

function setup() {
  const model = new GridModel(new Y.Doc())
  model.initialize(5, 3)
  const ev = new FormulaEvaluator(model)
  const put = (a1Row: number, col: number, text: string) => {
    const { rowIds, colIds } = model.layout()
    model.setCell(
      rowIds[a1Row] as string,
      colIds[col] as string,
      toStoredFormula(text, model.layout()),
      ada,
    )
  }
  const show = (row: number, col: number) => {
    const { rowIds, colIds } = model.layout()
    return ev.display(rowIds[row] as string, colIds[col] as string)
  }
  return { model, put, show }
}

test('SUM over a range, recomputed when an input changes', () => {
  const { put, show } = setup()
  put(0, 0, '1')
  put(1, 0, '2')
  put(0, 1, '3')
  put(2, 1, '4')
  put(4, 2, '=SUM(A1:B3)')
  assert.equal(show(4, 2), '10')
  put(1, 0, '20')
  assert.equal(show(4, 2), '28')
})

test('a formula keeps pointing at its inputs after rows move', () => {
  const { model, put, show } = setup()
  put(0, 0, '5')
  put(1, 0, '=A1*2')
  model.moveRows([model.layout().rowIds[0] as string], 4)
  // The 5 is now in A5; the formula (now in A1) follows it.
  assert.equal(show(0, 0), '10')
})

test('nested formulas, errors and cycles', () => {
  const { put, show } = setup()
  put(0, 0, '2')
  put(0, 1, '=A1+1')
  put(0, 2, '=B1*10')
  assert.equal(show(0, 2), '30')
  put(1, 0, '=1/0')
  assert.equal(show(1, 0), '#DIV/0!')
  put(2, 0, '=A4')
  put(3, 0, '=A3')
  assert.match(show(2, 0), /^#/)
  put(4, 0, '=NOSUCH(1)')
  assert.equal(show(4, 0), '#NAME?')
})

test("a leading ' marks text: hidden in the cell, and the number stays text", () => {
  const { put, show, model } = setup()
  put(0, 0, "'007")
  put(1, 0, "'=A1")
  assert.equal(show(0, 0), '007')
  assert.equal(show(1, 0), '=A1')
  const { rowIds, colIds } = model.layout()
  assert.equal(model.getValue(rowIds[0] as string, colIds[0] as string), "'007")
  // Text, so left-aligned and sorted as text, not the number 7.
  assert.equal(
    new FormulaEvaluator(model).evaluate(rowIds[0] as string, colIds[0] as string).value,
    '007',
  )
})

test('an edit reaches formulas that read it through other formulas, and a fixed cycle', () => {
  const { put, show } = setup()
  put(0, 0, '1')
  put(0, 1, '=A1*2')
  put(0, 2, '=B1+1')
  assert.equal(show(0, 2), '3')
  put(0, 0, '10')
  assert.equal(show(0, 2), '21')
  put(1, 0, '=A3')
  put(2, 0, '=A2')
  assert.match(show(1, 0), /^#/)
  put(2, 0, '7')
  assert.equal(show(1, 0), '7')
})

test('an edit outside a formula’s inputs keeps its result without reading the inputs again', () => {
  const { model, put, show } = setup()
  for (let r = 0; r < 4; r++) put(r, 0, String(r + 1))
  put(4, 0, '=SUM(A1:A4)')
  assert.equal(show(4, 0), '10')
  const reads: string[] = []
  const getValue = model.getValue.bind(model)
  model.getValue = (rowId, colId) => {
    reads.push(`${rowId}:${colId}`)
    return getValue(rowId, colId)
  }
  put(0, 2, 'elsewhere')
  assert.equal(show(4, 0), '10')
  assert.deepEqual(reads, [], 'nothing re-read')
  put(3, 0, '40')
  assert.equal(show(4, 0), '46')
})
