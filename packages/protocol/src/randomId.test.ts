import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ALPHANUMERIC, LOWER_ALPHANUMERIC, randomId } from './randomId.ts'

test('ids have the asked length and only characters of the alphabet', () => {
  const lower = randomId(10, LOWER_ALPHANUMERIC)
  assert.match(lower, /^[a-z0-9]{10}$/)
  assert.match(randomId(64, ALPHANUMERIC), /^[A-Za-z0-9]{64}$/)
})

test('ids differ from one call to the next', () => {
  const ids = new Set(Array.from({ length: 1000 }, () => randomId(12, ALPHANUMERIC)))
  assert.equal(ids.size, 1000)
})
