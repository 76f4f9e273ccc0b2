import assert from 'node:assert/strict'
import { test } from 'node:test'
import { columnWidths, resizedWidth } from './columnResize.ts'
import { MIN_COLUMN_WIDTH } from './geometry.ts'

test('a dragged edge follows the pointer in whole pixels, never below the minimum', () => {
  assert.equal(resizedWidth(120, 500, 530.4), 150)
  assert.equal(resizedWidth(120, 500, 300), MIN_COLUMN_WIDTH)
})

test('the column being dragged shows its local width, the others what the sheet stores', () => {
  const stored: Record<string, number> = { a: 90 }
  assert.deepEqual(
    columnWidths(['a', 'b', 'c'], { c: 200 }, (id) => stored[id]),
    [90, 120, 200],
  )
})
