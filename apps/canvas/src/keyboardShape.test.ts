import assert from 'node:assert/strict'
import { test } from 'node:test'
import { describeShape } from './describeShape.ts'
import { keyboardShape } from './keyboardShape.ts'
import { INITIAL_STYLE } from './tools.ts'

test('Enter draws a 120 × 80 shape centred on the point', () => {
  const rect = keyboardShape('rect', { x: 300, y: 200 }, INITIAL_STYLE)
  assert.ok(rect)
  assert.deepEqual(
    { x: rect.x, y: rect.y, w: rect.w, h: rect.h },
    { x: 240, y: 160, w: 120, h: 80 },
  )
  assert.equal(describeShape({ ...rect, text: '' }), 'Rectangle, 120 by 80 at 240, 160')
  const line = keyboardShape('arrow', { x: 300, y: 200 }, INITIAL_STYLE)
  assert.equal(line?.type, 'arrow')
  assert.equal(line?.w, 120)
  assert.ok(keyboardShape('freehand', { x: 0, y: 0 }, INITIAL_STYLE))
  // Text and notes ask for their text first; select draws nothing.
  assert.equal(keyboardShape('text', { x: 0, y: 0 }, INITIAL_STYLE), null)
  assert.equal(keyboardShape('select', { x: 0, y: 0 }, INITIAL_STYLE), null)
})

test('a note is described with its text', () => {
  assert.equal(
    describeShape({ type: 'sticky', text: 'Plan', x: 1.4, y: 2, w: 160, h: 120 }),
    'Sticky “Plan”, 160 by 120 at 1, 2',
  )
})
