import assert from 'node:assert/strict'
import { test } from 'node:test'
import { screenSize } from './firstScreen.ts'

test('a window asks for the rows and columns it can show, within the node limit', () => {
  assert.deepEqual(screenSize(1400, 900), { rows: 33, cols: 34 })
  const huge = screenSize(20_000, 20_000)
  assert.ok(huge.rows * huge.cols <= 5_000)
  assert.ok(huge.rows >= 1)
  assert.deepEqual(screenSize(0, 0), { rows: 1, cols: 1 })
})
