import assert from 'node:assert/strict'
import { test } from 'node:test'
import { COARSE_BELOW, detailFor, textBars } from './detail.ts'

test('full detail at and above the threshold, coarse below it', () => {
  assert.equal(detailFor(1), 'full')
  assert.equal(detailFor(COARSE_BELOW), 'full')
  assert.equal(detailFor(COARSE_BELOW - 0.01), 'coarse')
  assert.equal(detailFor(0.1), 'coarse')
})

test('one bar per non-empty line, on the baselines the full text uses', () => {
  const bars = textBars({ x: 10, y: 20, w: 0, text: 'abcde\n\nab', fontSize: 20 })
  // First baseline at y + fontSize = 40, bar 12 high; third line at 40 + 2 × 25 = 90.
  assert.deepEqual(bars, [
    { x: 10, y: 28, w: 60, h: 12 },
    { x: 10, y: 78, w: 24, h: 12 },
  ])
})

test('bars of a sticky note stay inside its padding', () => {
  const bars = textBars(
    { x: 0, y: 0, w: 100, text: 'a long line that overflows', fontSize: 16 },
    10,
  )
  assert.equal(bars.length, 1)
  assert.equal(bars[0]?.x, 10)
  assert.equal(bars[0]?.w, 80)
  assert.ok(Math.abs((bars[0]?.y ?? 0) + (bars[0]?.h ?? 0) - 26) < 1e-9) // on the baseline
})

test('no text, no bars (trailing spaces draw nothing either)', () => {
  assert.deepEqual(textBars({ x: 0, y: 0, w: 50, text: '', fontSize: 20 }), [])
  assert.deepEqual(textBars({ x: 0, y: 0, w: 50, text: '   \n', fontSize: 20 }), [])
})
