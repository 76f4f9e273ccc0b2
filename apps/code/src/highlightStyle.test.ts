import assert from 'node:assert/strict'
import { test } from 'node:test'
// The React-free entry: node's test runner does not load the package's .tsx.
import { contrastRatio } from '@weft/react/readableText'
import { TOKEN_COLOURS } from './highlightStyle.ts'

// CodeMirror's active line is #cceeff at 27% over white: about #f2fbff.
const BACKGROUNDS = ['#ffffff', '#f2fbff']

test('every token colour reaches 4.5:1 on the editor and on its active line', () => {
  for (const [token, colour] of Object.entries(TOKEN_COLOURS)) {
    for (const bg of BACKGROUNDS) {
      const ratio = contrastRatio(colour, bg) ?? 0
      assert.ok(ratio >= 4.5, `${token} ${colour} on ${bg}: ${ratio.toFixed(2)}`)
    }
  }
})
