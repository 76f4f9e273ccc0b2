import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assignSlots } from './rowSlots.ts'

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i)

test('rows staying on screen keep their slot; rows coming in take the slots rows leaving freed', () => {
  const first = assignSlots(new Map(), range(0, 5))
  assert.deepEqual(
    [...first],
    [
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
    ],
  )
  const scrolled = assignSlots(first, range(2, 7))
  assert.deepEqual(
    [...scrolled].sort((a, b) => a[0] - b[0]),
    [
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 0],
      [6, 1],
    ],
  )
})

test('a jump of more than a screen reuses every slot, and never more slots than rows shown', () => {
  const first = assignSlots(new Map(), range(0, 5))
  const jumped = assignSlots(first, range(100, 106))
  assert.deepEqual([...jumped.values()].sort(), [0, 1, 2, 3, 4, 5])
  const fewer = assignSlots(jumped, range(103, 105))
  assert.deepEqual([...fewer.values()].sort(), [jumped.get(103), jumped.get(104)].sort())
})
