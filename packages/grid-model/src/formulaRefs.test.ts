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
