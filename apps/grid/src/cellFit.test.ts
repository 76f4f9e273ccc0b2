import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type GlyphWidths, textFits } from './cellFit.ts'

/** Every printable ASCII character 8 px wide, digits 7 px in numeric cells. */
function glyphs(): GlyphWidths {
  const plain = new Float64Array(0x7f).fill(8)
  const num = new Float64Array(0x7f).fill(8)
  for (let c = 0x30; c <= 0x39; c++) num[c] = 7
  for (let c = 0; c < 0x20; c++) plain[c] = num[c] = Number.POSITIVE_INFINITY
  return { plain, num }
}

test('a text fits when its characters, with a margin, are no wider than the cell inside its padding', () => {
  // 120 px cell: 107 px inside its padding and border; 12 characters of 8 px = 96 (+ margin) fit.
  assert.equal(textFits('abcdefghijkl', 120, false, glyphs()), true)
  // 13 of them (104 px, 109 with the margin) may not.
  assert.equal(textFits('abcdefghijklm', 120, false, glyphs()), false)
  // Numbers are measured in the numeric cell's font.
  assert.equal(textFits('1234567890123', 120, true, glyphs()), true)
  assert.equal(textFits('', 40, false, glyphs()), true)
})

test('a text is clipped when its width is not known: before measuring, or beyond ASCII', () => {
  assert.equal(textFits('12', 120, true, null), false)
  assert.equal(textFits('été', 120, false, glyphs()), false)
  assert.equal(textFits('日本', 120, false, glyphs()), false)
  assert.equal(textFits('a\tb', 120, false, glyphs()), false)
})
