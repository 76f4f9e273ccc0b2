import assert from 'node:assert/strict'
import { test } from 'node:test'
import { contrastRatio, readableText } from './readableText.ts'

test('the WCAG ratio of known pairs', () => {
  assert.equal(contrastRatio('#000', '#fff')?.toFixed(1), '21.0')
  // The failing chip: white on Ada's orange.
  assert.ok((contrastRatio('#ffffff', '#d9480f') ?? 9) < 4.5)
  assert.equal(contrastRatio('nope', '#fff'), null)
})

test('labels on any presence colour reach 4.5:1', () => {
  // Every 4-bit-per-channel colour: the picked text never falls below AA for normal text.
  for (let i = 0; i < 4096; i++) {
    const hex = `#${i.toString(16).padStart(3, '0')}`
    const ratio = contrastRatio(readableText(hex), hex) ?? 0
    assert.ok(ratio >= 4.5, `${readableText(hex)} on ${hex}: ${ratio.toFixed(2)}`)
  }
  assert.equal(readableText('#d9480f'), '#000000')
  assert.equal(readableText('#1971c2'), '#ffffff')
})
