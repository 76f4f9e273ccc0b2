import assert from 'node:assert/strict'
import { test } from 'node:test'
import { canPick, placeRef } from './formulaPicking.ts'

test('a reference can go after an operator or bracket of a formula, not elsewhere', () => {
  assert.equal(canPick('=', 1), true)
  assert.equal(canPick('=A1+', 4), true)
  assert.equal(canPick('=SUM(', 5), true)
  assert.equal(canPick('=SUM(A1, ', 9), true)
  assert.equal(canPick('=A1', 3), false, 'right after a reference the arrow moves on')
  assert.equal(canPick('A1+', 3), false, 'not a formula')
  assert.equal(canPick('="a+', 4), false, 'inside a string literal')
  assert.equal(canPick('=A1+B2', 4), true, 'caret in the middle, after the +')
})

test('pointing inserts at the caret, pointing again replaces the same reference', () => {
  const first = placeRef('=A1+', 4, null, 'B2')
  assert.deepEqual(first, { text: '=A1+B2', pick: { start: 4, end: 6 } })
  const second = placeRef(first.text, first.pick.end, first.pick, 'B2:C10')
  assert.deepEqual(second, { text: '=A1+B2:C10', pick: { start: 4, end: 10 } })
  const middle = placeRef('=SUM()*2', 5, null, 'A1')
  assert.equal(middle.text, '=SUM(A1)*2')
})
