// The clipboard's and the editor's operations on a real grid document.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FormulaEvaluator, GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import {
  clearRect,
  commitText,
  copyRect,
  editableText,
  pasteTsv,
  type ViewOrder,
} from './editing.ts'

const ada = { id: 'u1', name: 'Ada' }

function sheet(rows: number, cols: number) {
  const model = new GridModel(new Y.Doc())
  model.initialize(rows, cols)
  const view = (): ViewOrder => {
    const layout = model.layout()
    return {
      rowIds: layout.rowIds,
      colIds: layout.colIds,
      rowIndex: layout.rowIndex,
      colIndex: layout.colIndex,
    }
  }
  return { model, evaluator: new FormulaEvaluator(model), view }
}

test('a pasted TSV block lands at the selection, and copy gives back what is shown', () => {
  const { model, evaluator, view } = sheet(3, 3)
  const written = pasteTsv(model, ada, view(), 1, 1, '1\t2\n3\t=B2+C2')
  assert.deepEqual(written, { top: 1, left: 1, bottom: 2, right: 2 })
  assert.equal(copyRect(evaluator, view(), { top: 1, left: 1, bottom: 2, right: 2 }), '1\t2\n3\t3')
})

test('a paste that does not fit adds rows and columns at the end of the sheet', () => {
  const { model, view } = sheet(2, 2)
  const written = pasteTsv(model, ada, view(), 1, 1, 'a\tb\tc\nd\te\tf')
  assert.deepEqual(written, { top: 1, left: 1, bottom: 2, right: 3 })
  assert.equal(model.layout().rowIds.length, 3)
  assert.equal(model.layout().colIds.length, 4)
})

test('cut clears the block; an edit stores formulas against the layout', () => {
  const { model, evaluator, view } = sheet(3, 3)
  pasteTsv(model, ada, view(), 0, 0, 'x\ty')
  clearRect(model, ada, view(), { top: 0, left: 0, bottom: 0, right: 0 })
  assert.equal(copyRect(evaluator, view(), { top: 0, left: 0, bottom: 0, right: 1 }), '\ty')
  const [r1, r2] = view().rowIds as [string, string]
  const [c1] = view().colIds as [string]
  commitText(model, ada, r1, c1, '7')
  commitText(model, ada, r2, c1, '=A1*2')
  assert.equal(evaluator.display(r2, c1), '14')
  assert.equal(editableText(model, r2, c1), '=A1*2')
})
