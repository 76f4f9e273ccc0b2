import assert from 'node:assert/strict'
import { test } from 'node:test'
import { FormulaEvaluator, GridModel, parseCsv } from '@weft/grid-model'
import * as Y from 'yjs'
import { sheetCsv } from './csvFile.ts'
import { importBlock, type ViewOrder } from './editing.ts'

const ada = { id: 'u1', name: 'Ada' }

test('a CSV file imports at A1 and exports what the cells show, up to the data', () => {
  const model = new GridModel(new Y.Doc())
  model.initialize(10, 5)
  const layout = model.layout()
  const view: ViewOrder = { ...layout }
  const file = 'item,price,qty\r\n"Nuts, salted",2.5,4\r\ntotal,=B2*C2,\r\n'
  importBlock(model, ada, view, 0, 0, parseCsv(file))
  assert.equal(model.cells.size, 0, 'the rows were blank: one block each')
  assert.equal(model.blocks.size, 3)
  const evaluator = new FormulaEvaluator(model)
  assert.equal(
    sheetCsv(model, evaluator),
    'item,price,qty\r\n"Nuts, salted",2.5,4\r\ntotal,10,\r\n',
  )
  assert.equal(sheetCsv(new GridModel(new Y.Doc()), evaluator), '')
})
