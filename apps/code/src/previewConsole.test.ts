import assert from 'node:assert/strict'
import { test } from 'node:test'
import { consoleEntry, withConsoleBridge } from './previewConsole.ts'
import { buildSrcdoc } from './srcdoc.ts'

test('the bridge runs before the project scripts and gets the nonce like them', () => {
  const html =
    '<!doctype html><html><head><title>x</title><script src="main.js"></script></head></html>'
  const out = buildSrcdoc(withConsoleBridge(html), new Map([['main.js', 'boom()']]), 'N0NCE')
  const scripts = [...out.matchAll(/<script nonce="N0NCE"\s*>/g)]
  assert.equal(scripts.length, 2)
  assert.ok(out.indexOf('weftPreview') < out.indexOf('boom()'))
  assert.ok(out.startsWith('<!doctype html><html><head><script nonce="N0NCE">'))
  assert.ok(withConsoleBridge('<p>no head</p>').startsWith('<script>'))
})

test('only well-formed console messages are taken, with their text bounded', () => {
  assert.deepEqual(consoleEntry({ weftPreview: 1, level: 'error', text: 'x' }), {
    level: 'error',
    text: 'x',
  })
  assert.equal(consoleEntry({ weftPreview: 1, level: 'alert', text: 'x' }), null)
  assert.equal(consoleEntry({ level: 'log', text: 'x' }), null)
  assert.equal(consoleEntry({ weftPreview: 1, level: 'log', text: 3 }), null)
  assert.equal(consoleEntry('log'), null)
  assert.equal(
    consoleEntry({ weftPreview: 1, level: 'log', text: 'y'.repeat(5000) })?.text.length,
    2000,
  )
})
