import assert from 'node:assert/strict'
import { test } from 'node:test'
import { requestedFileName } from './fileName.ts'

const allowed = new Set(['react-AB12cd.js', 'chunk-XY34.js', 'esbuild-0123abcd.wasm'])

test('a listed plain file name is served', () => {
  assert.equal(requestedFileName('react-AB12cd.js', allowed), 'react-AB12cd.js')
  assert.equal(requestedFileName('esbuild-0123abcd.wasm', allowed), 'esbuild-0123abcd.wasm')
})

test('names the manifest does not list are refused, even when they exist on disk', () => {
  assert.equal(requestedFileName('react-AB12cd.js.br', allowed), null)
  assert.equal(requestedFileName('manifest.json', allowed), null)
  assert.equal(requestedFileName('vue.js', allowed), null)
})

test('traversal is refused in every spelling', () => {
  for (const rest of [
    '../package.json',
    '..%2fpackage.json',
    '%2e%2e/package.json',
    '%2e%2e%2fpackage.json',
    '%2E%2E%5Cpackage.json',
    '..\\package.json',
    '/etc/passwd',
    '%2fetc%2fpasswd',
    'sub/react-AB12cd.js',
    'react-AB12cd.js%00',
    '.hidden.js',
    '%',
    '',
  ]) {
    assert.equal(requestedFileName(rest, allowed), null, rest)
  }
})
