import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { clickedSelection } from './gestures.ts'
import { groupIndex, pickTarget, withGroups } from './groups.ts'

const shapes = [
  { id: 'a', group: 'g1' },
  { id: 'b' },
  { id: 'c', group: 'g1' },
  { id: 'd', group: 'g2' },
] as Shape[]
const index = groupIndex(shapes)
const shapeOf = (id: string) => shapes.find((s) => s.id === id) ?? null

test('picking a grouped shape takes its whole group, unless the group is entered', () => {
  assert.deepEqual(index.get('g1'), ['a', 'c'])
  assert.deepEqual(pickTarget(index, { id: 'c', group: 'g1' }, null), ['a', 'c'])
  assert.deepEqual(pickTarget(index, { id: 'c', group: 'g1' }, 'g1'), ['c'])
  assert.deepEqual(pickTarget(index, { id: 'b' }, 'g1'), ['b'])
})

test('a marquee touching one member selects its group; the entered group stays per shape', () => {
  assert.deepEqual(withGroups(index, shapeOf, ['c', 'b'], null), ['a', 'c', 'b'])
  assert.deepEqual(withGroups(index, shapeOf, ['c', 'd', 'gone'], 'g1'), ['c', 'd'])
})

test('Shift+click toggles a whole group in the selection', () => {
  assert.deepEqual(clickedSelection(['b'], 'a', true, ['a', 'c']), ['b', 'a', 'c'])
  assert.deepEqual(clickedSelection(['b', 'a', 'c'], 'c', true, ['a', 'c']), ['b'])
  assert.deepEqual(clickedSelection(['b'], 'a', false, ['a', 'c']), ['a', 'c'])
})
