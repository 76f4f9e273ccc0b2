import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dragPatches, overlayDrags, publishGap, readDrag, withPatches } from './liveDrag.ts'
import { testShape } from './testShape.ts'

test('pointer steps accumulate per shape and a release writes the last geometry of each', () => {
  let drag = withPatches({}, [
    ['a', { x: 10, y: 20 }],
    ['b', { x: 1, y: 2 }],
  ])
  drag = withPatches(drag, [['a', { x: 30, y: 40, w: 5, h: 6, fill: '#fff' }]])
  assert.deepEqual(dragPatches(drag), [
    ['a', { x: 30, y: 40, w: 5, h: 6 }],
    ['b', { x: 1, y: 2 }],
  ])
})

test('shapes without drags come back as the same array; dragged ones move, others keep their objects', () => {
  const shapes = [testShape('a', { x: 0, y: 0 }), testShape('b', { x: 50, y: 50 })]
  assert.equal(overlayDrags(shapes, []), shapes)
  assert.equal(overlayDrags(shapes, [null]), shapes)
  const shown = overlayDrags(shapes, [{ a: { x: 7, y: 8 } }, { a: { y: 9 } }])
  assert.deepEqual(
    shown.map((s) => [s.id, s.x, s.y]),
    [
      ['a', 7, 9],
      ['b', 50, 50],
    ],
  )
  assert.equal(shown[1], shapes[1])
})

test("another browser's drag state keeps only finite geometry and a well-formed write mark", () => {
  assert.equal(readDrag(null), null)
  assert.equal(readDrag('x'), null)
  assert.equal(readDrag([{ x: 1 }]), null)
  assert.equal(readDrag({ boxes: {} }), null)
  // The shape map alone (not the published format) is nothing.
  assert.equal(readDrag({ a: { x: 1 } }), null)
  assert.deepEqual(
    readDrag({ boxes: { a: { x: 1, y: Number.NaN, w: -3, h: 4, rotation: 'up', z: 'a0' }, b: 5 } }),
    { boxes: { a: { x: 1, h: 4 } } },
  )
  assert.deepEqual(readDrag({ boxes: { a: { x: 1 } }, written: { client: 7, clock: 3 } }), {
    boxes: { a: { x: 1 } },
    written: { client: 7, clock: 3 },
  })
  for (const written of [{ client: 7 }, { client: -1, clock: 3 }, { client: 7, clock: 1.5 }, 3]) {
    assert.deepEqual(readDrag({ boxes: { a: { x: 1 } }, written }), { boxes: { a: { x: 1 } } })
  }
})

test('big selections are published less often, within the socket byte rate', () => {
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { x: i, y: i }]))
  assert.equal(publishGap(many(1)), 0)
  assert.equal(publishGap(many(20)), 0)
  assert.equal(publishGap(many(200)), 20)
  assert.equal(publishGap(many(5_000)), 500)
  assert.equal(publishGap(many(20_000)), 500)
})
