import assert from 'node:assert/strict'
import { test } from 'node:test'
import { imageShape, MAX_IMAGE_SIDE } from './imageShape.ts'

const id = 'a'.repeat(64)

test('a small picture keeps its size, centred where it lands', () => {
  assert.deepEqual(imageShape(id, 200, 100, { x: 500, y: 300 }), {
    type: 'image',
    x: 400,
    y: 250,
    w: 200,
    h: 100,
    asset: id,
    fill: 'none',
    strokeWidth: 0,
  })
})

test('a large picture is scaled down to the longest side, keeping its proportions', () => {
  const s = imageShape(id, 4000, 1000, { x: 0, y: 0 })
  assert.equal(s.w, MAX_IMAGE_SIDE)
  assert.equal(s.h, MAX_IMAGE_SIDE / 4)
  assert.equal(imageShape(id, 0, 0, { x: 0, y: 0 }).w, 1)
})
