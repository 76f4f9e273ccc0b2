import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { FormulaEvaluator } from './FormulaEvaluator.ts'
import { GridModel } from './GridModel.ts'
import { excelFormatCode, formatValue, fromExcelFormatCode, stepDecimals } from './numberFormat.ts'

const ada = { id: 'u-ada', name: 'Ada' }

test('each format shows a number as Sheets does', () => {
  assert.equal(formatValue(1234.5, { kind: 'number' }), '1,234.50')
  assert.equal(formatValue(0.256, { kind: 'percent' }), '25.60%')
  assert.equal(formatValue(-1234.5, { kind: 'currency' }), '-$1,234.50')
  assert.equal(formatValue(1234.5, { kind: 'scientific' }), '1.23E+03')
  assert.equal(formatValue(45352, { kind: 'date' }), '3/1/2024')
  assert.equal(formatValue(0.75, { kind: 'time' }), '6:00:00 PM')
  assert.equal(formatValue(45352.5, { kind: 'datetime' }), '3/1/2024 12:00:00')
  assert.equal(formatValue(2.6, { kind: 'number', decimals: 0 }), '3')
  assert.equal(formatValue('words', { kind: 'currency' }), 'words')
})

test('decimal steps start from what the value shows and stay within 0..10', () => {
  assert.deepEqual(stepDecimals(undefined, 1.5, 1), { kind: 'number', decimals: 2 })
  assert.deepEqual(stepDecimals({ kind: 'percent' }, 0.5, -1), { kind: 'percent', decimals: 1 })
  assert.deepEqual(stepDecimals({ kind: 'number', decimals: 0 }, 1, -1), {
    kind: 'number',
    decimals: 0,
  })
})

test('Excel format codes round-trip for every kind', () => {
  for (const kind of ['text', 'number', 'percent', 'currency', 'scientific'] as const) {
    const code = excelFormatCode({ kind, decimals: 3 }) as string
    const back = fromExcelFormatCode(code)
    assert.equal(back?.kind, kind, code)
    if (kind !== 'text') assert.equal(back?.decimals, 3, code)
  }
  for (const kind of ['date', 'time', 'datetime'] as const) {
    assert.equal(fromExcelFormatCode(excelFormatCode({ kind }))?.kind, kind)
  }
  assert.equal(fromExcelFormatCode('General'), null)
})

test('a format changes what a cell shows, never its value or what formulas compute', () => {
  const model = new GridModel(new Y.Doc())
  model.initialize(3, 2)
  const ev = new FormulaEvaluator(model)
  model.setCell('r0', 'c0', '0.5', ada)
  model.setCell('r1', 'c0', '={{c0:r0}}*2', ada)
  model.setFormats([{ rowId: 'r0', colId: 'c0' }], { kind: 'percent', decimals: 0 })
  assert.equal(ev.display('r0', 'c0'), '50%')
  assert.equal(model.getValue('r0', 'c0'), '0.5')
  assert.equal(ev.display('r1', 'c0'), '1')
  model.setFormats([{ rowId: 'r0', colId: 'c0' }], null)
  assert.equal(ev.display('r0', 'c0'), '0.5')
})

test('Plain text shows a typed number exactly as typed', () => {
  const model = new GridModel(new Y.Doc())
  model.initialize(1, 1)
  model.setCell('r0', 'c0', '1.50', ada)
  model.setFormats([{ rowId: 'r0', colId: 'c0' }], { kind: 'text' })
  assert.equal(new FormulaEvaluator(model).display('r0', 'c0'), '1.50')
})

test('DATE() gives a serial number that the Date format shows as a date', () => {
  const model = new GridModel(new Y.Doc())
  model.initialize(1, 1)
  model.setCell('r0', 'c0', '=DATE(2024,3,1)', ada)
  const ev = new FormulaEvaluator(model)
  assert.equal(ev.evaluate('r0', 'c0').value, 45352)
  model.setFormats([{ rowId: 'r0', colId: 'c0' }], { kind: 'date' })
  assert.equal(ev.display('r0', 'c0'), '3/1/2024')
})
