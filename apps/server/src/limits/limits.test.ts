import assert from 'node:assert/strict'
import { test } from 'node:test'
import { AuthFailureThrottle } from './AuthFailureThrottle.ts'
import { OncePerWindow } from './OncePerWindow.ts'

test('a source is banned after perMinute failures in a minute, for banMs, alone', () => {
  let now = 0
  const throttle = new AuthFailureThrottle({ perMinute: 3, banMs: 300_000, now: () => now })
  assert.equal(throttle.recordFailure('1.2.3.4'), false)
  assert.equal(throttle.recordFailure('1.2.3.4'), false)
  assert.equal(throttle.isBanned('1.2.3.4'), false)
  assert.equal(throttle.recordFailure('1.2.3.4'), true)
  assert.equal(throttle.isBanned('1.2.3.4'), true)
  assert.equal(throttle.isBanned('5.6.7.8'), false)
  now += 299_000
  assert.equal(throttle.isBanned('1.2.3.4'), true)
  now += 2_000
  assert.equal(throttle.isBanned('1.2.3.4'), false)
  // Failures spread over minutes never add up to a ban.
  for (let i = 0; i < 10; i++) {
    now += 30_000
    throttle.recordFailure('9.9.9.9')
  }
  assert.equal(throttle.isBanned('9.9.9.9'), false)
})

test('the throttle holds a bounded number of sources', () => {
  let now = 0
  const throttle = new AuthFailureThrottle({
    perMinute: 2,
    banMs: 1_000,
    maxSources: 100,
    now: () => now,
  })
  for (let i = 0; i < 10_000; i++) throttle.recordFailure(`10.0.${i >> 8}.${i & 255}`)
  assert.ok(throttle.size <= 101)
  now += 120_000
  throttle.recordFailure('10.9.9.9')
  assert.ok(throttle.size <= 2)
})

test('once per window per key, with the count of what was held back', () => {
  let now = 0
  const once = new OncePerWindow({ windowMs: 60_000, maxKeys: 10, now: () => now })
  assert.deepEqual(once.pass('a'), { suppressed: 0 })
  for (let i = 0; i < 299; i++) assert.equal(once.pass('a'), null)
  assert.deepEqual(once.pass('b'), { suppressed: 0 })
  now += 60_000
  assert.deepEqual(once.pass('a'), { suppressed: 299 })
  for (let i = 0; i < 1_000; i++) once.pass(`k${i}`)
  assert.equal(once.pass('k999'), null)
})
