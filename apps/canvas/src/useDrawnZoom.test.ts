import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mustRedraw } from './useDrawnZoom.ts'

test('a drawing stands in for nearby zooms and is redrawn beyond the scale range', () => {
  assert.equal(mustRedraw(1, 1), false)
  assert.equal(mustRedraw(0.8, 1), false)
  assert.equal(mustRedraw(1.3, 1), false)
  assert.equal(mustRedraw(0.7, 1), true)
  assert.equal(mustRedraw(1.4, 1), true)
  // Relative, not absolute: the same ratio at 10 % zoom.
  assert.equal(mustRedraw(0.08, 0.1), false)
  assert.equal(mustRedraw(0.07, 0.1), true)
})
