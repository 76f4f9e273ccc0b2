import assert from 'node:assert/strict'
import { test } from 'node:test'
import { toDisplayFormula, toStoredFormula } from './formulaRefs.ts'

const layout = { rowIds: ['r0', 'r1', 'r2'], colIds: ['ca', 'cb'] }

test('references are stored by id and rendered back as A1', () => {
  const stored = toStoredFormula('=SUM(A1:B3)+$b$2', layout)
  assert.equal(stored, '=SUM({{ca:r0}}:{{cb:r2}})+{{$cb:$r1}}')
  assert.equal(toDisplayFormula(stored, layout), '=SUM(A1:B3)+$B$2')
})

test('a reference follows its row when rows move', () => {
  const stored = toStoredFormula('=A1*2', layout)
  const moved = { rowIds: ['r1', 'r2', 'r0'], colIds: ['cb', 'ca'] }
  assert.equal(toDisplayFormula(stored, moved), '=B3*2')
})

test('a reference to a deleted row renders #REF!', () => {
  const stored = toStoredFormula('=A2+1', layout)
  assert.equal(toDisplayFormula(stored, { rowIds: ['r0', 'r2'], colIds: ['ca', 'cb'] }), '=#REF!+1')
})

test('string literals, function names and out-of-grid references are left alone', () => {
  assert.equal(toStoredFormula('=CONCATENATE("A1",A1)', layout), '=CONCATENATE("A1",{{ca:r0}})')
  assert.equal(toStoredFormula('=LOG10(100)', layout), '=LOG10(100)')
  assert.equal(toStoredFormula('=Z99', layout), '=Z99')
  assert.equal(toStoredFormula('plain A1 text', layout), 'plain A1 text')
})

test('a reference to another sheet is stored by that sheet’s id, whole or not at all', () => {
  const other = { rowIds: ['x0', 'x1'], colIds: ['ya'] }
  const sheets = {
    idOf: (name: string) => (name.toLowerCase() === 'my sheet' ? 's2' : undefined),
    nameOf: (id: string) => (id === 's2' ? 'My sheet' : undefined),
    layoutOf: (id: string) => (id === 's2' ? other : undefined),
  }
  const withSheets = { ...layout, sheets }
  const stored = toStoredFormula("=SUM('my sheet'!A1:A2)+A1", withSheets)
  assert.equal(stored, '=SUM({{s2!ya:x0}}:{{s2!ya:x1}})+{{ca:r0}}')
  assert.equal(toDisplayFormula(stored, withSheets), "=SUM('My sheet'!A1:A2)+A1")
  // Unknown sheet, or a cell outside that sheet: kept as typed.
  assert.equal(toStoredFormula('=Nope!A1', withSheets), '=Nope!A1')
  assert.equal(toStoredFormula("='My sheet'!A1:A9", withSheets), "='My sheet'!A1:A9")
  // Without the sheet (deleted): #REF!.
  assert.equal(toDisplayFormula(stored, layout), '=SUM(#REF!)+A1')
})
