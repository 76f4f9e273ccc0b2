// The clipboard's and the editor's operations on a real grid document.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FormulaEvaluator, GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import {
  clearRect,
  commitText,
  copyFormulas,
  copyRect,
  editableText,
  fillRect,
  pasteTsv,
  readCopiedBlock,
  type ViewOrder,
} from './editing.ts'
import type { Rect } from './selection.ts'

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
  // A paste that adds rows is a bulk write: the blank rows it fills are one row block each.
  assert.equal(model.blocks.size, 2)
  assert.equal(model.cells.size, 0)
  assert.equal(copyRect(new FormulaEvaluator(model), view(), written as Rect), 'a\tb\tc\nd\te\tf')
})

test('a paste within the sheet writes cells, as a user typing them would', () => {
  const { model, view } = sheet(3, 3)
  pasteTsv(model, ada, view(), 0, 0, 'a\tb\nc\td')
  assert.equal(model.blocks.size, 0)
  assert.equal(model.cells.size, 4)
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

test('a copied formula pastes with relative references shifted and absolute ones kept', () => {
  const { model, evaluator, view } = sheet(6, 4)
  pasteTsv(model, ada, view(), 0, 0, '3\t=A1*2\t=$A$1+A1\n4')
  const copied = copyFormulas(model, view(), { top: 0, left: 0, bottom: 0, right: 2 })
  assert.equal(copied.tsv, '3\t=A1*2\t=$A$1+A1')
  // Through the clipboard as JSON, and pasted one row down and one column right.
  const back = readCopiedBlock(JSON.stringify(copied))
  assert.ok(back)
  pasteTsv(model, ada, view(), 1, 1, back.tsv, back)
  const v = view()
  const at = (r: number, c: number) => editableText(model, v.rowIds[r] ?? '', v.colIds[c] ?? '')
  assert.equal(at(1, 1), '3', 'a value pastes as the value')
  assert.equal(at(1, 2), '=B2*2')
  assert.equal(at(1, 3), '=$A$1+B2')
  assert.equal(evaluator.display(v.rowIds[1] ?? '', v.colIds[2] ?? ''), '6')
})

test('clipboard data from elsewhere that is not a copied block is ignored', () => {
  assert.equal(readCopiedBlock('{"tsv":1}'), null)
  assert.equal(readCopiedBlock('{"tsv":"a","rows":[-1],"cols":[0]}'), null)
  assert.equal(readCopiedBlock('not json'), null)
})

test('fill down and right copy the first row or column with formulas shifted', () => {
  const { model, evaluator, view } = sheet(4, 3)
  pasteTsv(model, ada, view(), 0, 0, '1\t=A1*10\n2\n3')
  fillRect(model, ada, view(), { top: 0, left: 1, bottom: 2, right: 1 }, 'down')
  const v = view()
  assert.equal(editableText(model, v.rowIds[2] ?? '', v.colIds[1] ?? ''), '=A3*10')
  assert.equal(evaluator.display(v.rowIds[2] ?? '', v.colIds[1] ?? ''), '30')
  fillRect(model, ada, view(), { top: 0, left: 1, bottom: 0, right: 2 }, 'right')
  assert.equal(editableText(model, v.rowIds[0] ?? '', v.colIds[2] ?? ''), '=B1*10')
})
