import assert from 'node:assert/strict'
import { test } from 'node:test'
import {
  noteSeen,
  noteWritten,
  reachedValues,
  type SeenUpTo,
  type WrittenSeqs,
} from './reachedValues.ts'

test('a value overtaken by a later one of its writer counts; one after the latest seen does not', () => {
  const written: WrittenSeqs = {}
  for (const seq of [1, 2, 3, 4]) noteWritten(written, 'd', 'w', seq)
  const seen: SeenUpTo = {}
  // The reader saw 1, then 3 (2 was overtaken in a merged update), never 4: 4 is lost.
  noteSeen(seen, 'd', 'r', 'w', 1)
  noteSeen(seen, 'd', 'r', 'w', 3)
  assert.deepEqual(reachedValues([written], [seen], { d: ['r', 'w'] }), {
    reached: 3,
    expected: 4,
  })
})

test('a reader that saw nothing counts every value as missing, and a writer is not its own reader', () => {
  const written: WrittenSeqs = {}
  noteWritten(written, 'd', 'a', 1)
  noteWritten(written, 'd', 'b', 2)
  const seen: SeenUpTo = {}
  noteSeen(seen, 'd', 'a', 'b', 2)
  // a saw b's value; b saw nothing of a's; c (a reader only) saw nothing.
  assert.deepEqual(reachedValues([written], [seen], { d: ['a', 'b', 'c'] }), {
    reached: 1,
    expected: 4,
  })
})

test('parts from several client processes are joined per document', () => {
  const one: WrittenSeqs = {}
  const two: WrittenSeqs = {}
  noteWritten(one, 'd', 'a', 5)
  noteWritten(two, 'd', 'a', 6)
  const seen: SeenUpTo = {}
  noteSeen(seen, 'd', 'b', 'a', 6)
  assert.deepEqual(reachedValues([one, two], [seen], { d: ['a', 'b'] }), {
    reached: 2,
    expected: 2,
  })
})
