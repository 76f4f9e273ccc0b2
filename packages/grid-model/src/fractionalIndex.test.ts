import assert from 'node:assert/strict'
import { test } from 'node:test'
import { keyBetween, keysBetween } from './fractionalIndex.ts'

function assertAscending(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    assert.ok((keys[i - 1] as string) < (keys[i] as string), `${keys[i - 1]} < ${keys[i]}`)
  }
}

test('appending 10,000 keys keeps them ordered and short', () => {
  const keys = keysBetween(null, null, 10_000)
  assertAscending(keys)
  assert.ok(Math.max(...keys.map((k) => k.length)) <= 4)
})

test('prepending repeatedly keeps order', () => {
  const keys = ['a0']
  for (let i = 0; i < 500; i++) keys.unshift(keyBetween(null, keys[0] as string))
  assertAscending(keys)
})

test('repeated insertion at one spot always finds room', () => {
  let lo = keyBetween(null, null)
  const hi = keyBetween(lo, null)
  for (let i = 0; i < 300; i++) {
    const k = keyBetween(lo, hi)
    assert.ok(lo < k && k < hi)
    lo = k
  }
})

test('bulk insert between neighbours is ordered and strictly inside', () => {
  const a = 'a5'
  const b = 'a6'
  const keys = keysBetween(a, b, 1000)
  assertAscending([a, ...keys, b])
  assert.ok(Math.max(...keys.map((k) => k.length)) <= 6)
})

test('refuses a reversed range', () => {
  assert.throws(() => keyBetween('b00', 'a0'))
})
