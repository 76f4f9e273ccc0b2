import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TokenBucket } from './TokenBucket.ts'

test('a burst passes, then the debt says how long to wait, and time refills', () => {
  let now = 0
  const bucket = new TokenBucket(100, 1_000, () => now)
  assert.equal(bucket.take(1_000), 0)
  assert.equal(bucket.take(50), 500)
  now += 500
  assert.equal(bucket.take(0), 0)
  now += 60_000
  // Refill stops at the capacity: a long pause does not buy an unbounded burst.
  assert.equal(bucket.take(1_000), 0)
  assert.equal(bucket.take(100), 1_000)
})
