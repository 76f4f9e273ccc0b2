import assert from 'node:assert/strict'
import { test } from 'node:test'
import { shiftFormula } from './shiftFormula.ts'

test('relative references shift with the paste, absolute parts stay', () => {
  assert.equal(shiftFormula('=A1*2', 1, 0), '=A2*2')
  assert.equal(shiftFormula('=A1*2', 0, 2), '=C1*2')
  assert.equal(shiftFormula('=$A$1+A$1+$A1', 2, 1), '=$A$1+B$1+$A3')
  assert.equal(shiftFormula('=SUM(A1:B3)', 3, 0), '=SUM(A4:B6)')
  assert.equal(shiftFormula('=Z1+1', 0, 1), '=AA1+1')
})

test('string literals, function names and values are left alone', () => {
  assert.equal(shiftFormula('=CONCATENATE("A1", B1)', 1, 0), '=CONCATENATE("A1", B2)')
  assert.equal(shiftFormula('=LOG10(A1)', 1, 0), '=LOG10(A2)')
  assert.equal(shiftFormula('A1', 1, 1), 'A1')
  assert.equal(shiftFormula('12', 1, 1), '12')
})

test('a reference pushed off the top or left becomes #REF!', () => {
  assert.equal(shiftFormula('=A1+B2', -1, 0), '=#REF!+B1')
  assert.equal(shiftFormula('=A1', 0, -1), '=#REF!')
})
