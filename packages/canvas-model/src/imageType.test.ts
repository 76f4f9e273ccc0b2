import assert from 'node:assert/strict'
import { test } from 'node:test'
import { imageTypeOf } from './imageType.ts'

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  )

test('PNG, JPEG, GIF and WebP are told by their first bytes', () => {
  assert.equal(imageTypeOf(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0])), 'image/png')
  assert.equal(imageTypeOf(bytes([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg')
  assert.equal(imageTypeOf(bytes('GIF89a', [1, 0])), 'image/gif')
  assert.equal(imageTypeOf(bytes('GIF87a')), 'image/gif')
  assert.equal(imageTypeOf(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ')), 'image/webp')
})

test('SVG, HTML, truncated signatures and empty bodies are none of them', () => {
  assert.equal(imageTypeOf(bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>')), null)
  assert.equal(imageTypeOf(bytes('<?xml version="1.0"?><svg/>')), null)
  assert.equal(imageTypeOf(bytes('<html><script>alert(1)</script>')), null)
  assert.equal(imageTypeOf(bytes([0x89], 'PNG')), null)
  assert.equal(imageTypeOf(bytes('RIFF', [0, 0, 0, 0], 'WAVE')), null)
  assert.equal(imageTypeOf(new Uint8Array()), null)
})
