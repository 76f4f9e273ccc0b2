import assert from 'node:assert/strict'
import { test } from 'node:test'
import { debtMs, spend } from './TokenBucket.ts'

test('a burst passes, then the debt says how long to wait, and time refills', () => {
  const [perSecond, capacity] = [100, 1_000]
  let tokens = spend(capacity, 1_000, 0, perSecond, capacity)
  assert.equal(debtMs(tokens, perSecond), 0)
  tokens = spend(tokens, 50, 0, perSecond, capacity)
  assert.equal(debtMs(tokens, perSecond), 500)
  tokens = spend(tokens, 0, 500, perSecond, capacity)
  assert.equal(debtMs(tokens, perSecond), 0)
  // Refill stops at the capacity: a long pause does not buy an unbounded burst.
  tokens = spend(tokens, 1_000, 60_000, perSecond, capacity)
  assert.equal(debtMs(tokens, perSecond), 0)
  tokens = spend(tokens, 100, 0, perSecond, capacity)
  assert.equal(debtMs(tokens, perSecond), 1_000)
})
