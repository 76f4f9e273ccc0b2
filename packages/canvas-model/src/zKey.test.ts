import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isZKey, zKeyBetween } from './zKey.ts'

test('keys sort between their bounds', () => {
  const first = zKeyBetween(null, null)
  assert.ok(isZKey(first))
  const above = zKeyBetween(first, null)
  const below = zKeyBetween(null, first)
  assert.ok(below < first && first < above)
  const mid = zKeyBetween(below, first)
  assert.ok(below < mid && mid < first)
})

test('repeated squeezing and appending stays ordered, valid and short', () => {
  let lo: string | null = null
  let hi = zKeyBetween(null, null)
  for (let i = 0; i < 200; i++) {
    const k = zKeyBetween(lo, hi)
    assert.ok(isZKey(k), k)
    assert.ok((lo === null || lo < k) && k < hi, `${lo} < ${k} < ${hi}`)
    if (i % 2) lo = k
    else hi = k
  }
  let top = zKeyBetween(null, null)
  for (let i = 0; i < 1000; i++) {
    const next = zKeyBetween(top, null)
    assert.ok(next > top)
    top = next
  }
  assert.ok(top.length < 40, `1000 appends gave a ${top.length}-char key`)
})

test('random inserts keep a total order', () => {
  const keys = [zKeyBetween(null, null)]
  for (let i = 0; i < 500; i++) {
    const at = Math.floor(Math.random() * (keys.length + 1))
    const k = zKeyBetween(keys[at - 1] ?? null, keys[at] ?? null)
    keys.splice(at, 0, k)
  }
  for (let i = 1; i < keys.length; i++) assert.ok((keys[i - 1] as string) < (keys[i] as string))
})

test('refuses bounds in the wrong order', () => {
  assert.throws(() => zKeyBetween('k', 'a'), RangeError)
  assert.throws(() => zKeyBetween('k', 'k'), RangeError)
})

test('send to back repeatedly stays ordered and short', () => {
  let bottom = zKeyBetween(null, null)
  for (let i = 0; i < 1000; i++) {
    const next = zKeyBetween(null, bottom)
    assert.ok(isZKey(next) && next < bottom, `${next} < ${bottom}`)
    bottom = next
  }
  assert.ok(bottom.length < 40)
})
