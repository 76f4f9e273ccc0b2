import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dataEdge, usedExtent } from './dataJump.ts'

// One column: rows 0-2 filled, 3-5 empty, 6-7 filled, 8-9 empty.
const column = [true, true, true, false, false, false, true, true, false, false]
const filled = (r: number) => column[r] === true
const size = { rows: column.length, cols: 1 }
const down = (row: number) => dataEdge(filled, size, { row, col: 0 }, 1, 0).row
const up = (row: number) => dataEdge(filled, size, { row, col: 0 }, -1, 0).row

test('Ctrl+Down goes to the end of the run, then to the next filled cell, then the edge', () => {
  assert.equal(down(0), 2)
  assert.equal(down(2), 6)
  assert.equal(down(4), 6)
  assert.equal(down(6), 7)
  assert.equal(down(7), 9)
  assert.equal(down(9), 9)
})

test('Ctrl+Up walks back the same way', () => {
  assert.equal(up(9), 7)
  assert.equal(up(7), 6)
  assert.equal(up(6), 2)
  assert.equal(up(2), 0)
  assert.equal(up(0), 0)
})

test('Ctrl+End is the last used row and column, A1 on an empty sheet', () => {
  assert.deepEqual(
    usedExtent([
      { row: 4, col: 1 },
      { row: 2, col: 7 },
    ]),
    { row: 4, col: 7 },
  )
  assert.deepEqual(usedExtent([]), { row: 0, col: 0 })
})
