import assert from 'node:assert/strict'
import { test } from 'node:test'
import { tileKeyAction } from './tileKeys.ts'

const board = { rows: 3, cols: 4 }

test('the first arrow highlights the top-left tile, later ones move and stop at the edges', () => {
  assert.deepEqual(tileKeyAction('ArrowRight', null, board), {
    kind: 'hover',
    at: { row: 0, col: 0 },
  })
  assert.deepEqual(tileKeyAction('ArrowRight', { row: 0, col: 0 }, board), {
    kind: 'hover',
    at: { row: 0, col: 1 },
  })
  assert.deepEqual(tileKeyAction('ArrowDown', { row: 2, col: 3 }, board), {
    kind: 'hover',
    at: { row: 2, col: 3 },
  })
  assert.deepEqual(tileKeyAction('ArrowUp', { row: 0, col: 2 }, board), {
    kind: 'hover',
    at: { row: 0, col: 2 },
  })
})

test('Enter and Space place on the highlighted tile only when there is one', () => {
  assert.deepEqual(tileKeyAction('Enter', { row: 1, col: 2 }, board), {
    kind: 'place',
    at: { row: 1, col: 2 },
  })
  assert.deepEqual(tileKeyAction(' ', { row: 1, col: 2 }, board), {
    kind: 'place',
    at: { row: 1, col: 2 },
  })
  assert.equal(tileKeyAction('Enter', null, board), null)
  assert.equal(tileKeyAction('a', { row: 1, col: 2 }, board), null)
})
