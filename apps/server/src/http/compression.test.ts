import assert from 'node:assert/strict'
import { test } from 'node:test'
import { chooseEncoding, isCompressible } from './compression.ts'

test('Accept-Encoding: brotli first, then gzip, q=0 refuses, * stands for the rest', () => {
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br')
  assert.equal(chooseEncoding('gzip'), 'gzip')
  assert.equal(chooseEncoding('br;q=0, gzip;q=0.5'), 'gzip')
  assert.equal(chooseEncoding('*'), 'br')
  assert.equal(chooseEncoding('*;q=0'), null)
  assert.equal(chooseEncoding('identity'), null)
  assert.equal(chooseEncoding(undefined), null)
  assert.equal(chooseEncoding(''), null)
})

test('text types compress; images other than SVG, fonts and archives do not', () => {
  for (const t of [
    'text/html; charset=utf-8',
    'text/javascript',
    'application/json',
    'image/svg+xml',
  ])
    assert.equal(isCompressible(t), true, t)
  for (const t of [
    'image/png',
    'font/woff2',
    'application/zip',
    'application/octet-stream',
    undefined,
  ])
    assert.equal(isCompressible(t), false, String(t))
})
