import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { CANVAS_ROOTS, CanvasModel } from './CanvasModel.ts'
import { validateCanvas } from './validate.ts'

const rect = (x: number) => ({ type: 'rect' as const, x, y: 0, w: 10, h: 10 })

test('group puts shapes into one new group; ungroup takes them out; undo per origin', () => {
  const doc = new Y.Doc()
  const m = new CanvasModel(doc, 'me')
  const undo = new Y.UndoManager(m.shapes, { trackedOrigins: new Set(['me']) })
  const [a, b, c] = [m.add(rect(0)), m.add(rect(20)), m.add(rect(40))]
  undo.stopCapturing()
  assert.equal(m.group([a]), null, 'one shape is no group')
  const g = m.group([a, b])
  assert.match(g ?? '', /^g[0-9a-f]{11}$/)
  assert.deepEqual([m.get(a)?.group, m.get(b)?.group, m.get(c)?.group], [g, g, undefined])
  undo.stopCapturing()
  // Grouping a member with another shape moves it into the new group.
  const h = m.group([b, c])
  assert.deepEqual([m.get(a)?.group, m.get(b)?.group, m.get(c)?.group], [g, h, h])
  m.ungroup([b, c])
  assert.deepEqual([m.get(b)?.group, m.get(c)?.group], [undefined, undefined])
  assert.deepEqual(validateCanvas(doc), [])
  // One undo step takes back the regrouping and the ungroup (one capture), not the first group.
  undo.undo()
  assert.deepEqual([m.get(a)?.group, m.get(b)?.group, m.get(c)?.group], [g, g, undefined])
})

test('copies get new ids, a new group per copied group, and bindings to copied shapes', () => {
  const m = new CanvasModel(new Y.Doc())
  const box = m.add(rect(0))
  const other = m.add(rect(100))
  const arrow = m.add({ type: 'arrow', x: 10, y: 5, w: 90, h: 0, points: [0, 0, 1, 0] })
  m.bind(arrow, 'start', { id: box, x: 1, y: 0.5 })
  m.bind(arrow, 'end', { id: other, x: 0, y: 0.5 })
  m.group([box, arrow])
  const source = [m.get(box), m.get(arrow)].flatMap((s) => s ?? [])
  // Pasted into another board: the end bound to a shape left behind is dropped.
  const there = new CanvasModel(new Y.Doc())
  const [boxCopy, arrowCopy] = there.addCopies(source, 16, 16)
  const copied = there.get(arrowCopy ?? '')
  assert.ok(boxCopy && copied && boxCopy !== box && copied.id !== arrow)
  assert.deepEqual(copied.startBinding, { id: boxCopy, x: 1, y: 0.5 })
  assert.equal(copied.endBinding, undefined)
  assert.equal(copied.x, 26)
  assert.ok(copied.group && copied.group !== m.get(arrow)?.group)
  assert.equal(there.get(boxCopy)?.group, copied.group)
  // Duplicating on the same board works the same way.
  const [dup] = m.duplicate([box])
  assert.notEqual(m.get(dup ?? '')?.group, m.get(box)?.group)
  assert.deepEqual(validateCanvas(there.doc), [])
})

test('bind sets and clears an arrow end; a binding reads back only on arrows', () => {
  const m = new CanvasModel(new Y.Doc())
  const target = m.add(rect(0))
  const arrow = m.add({ type: 'arrow', x: 0, y: 0, w: 10, h: 10, points: [0, 0, 1, 1] })
  m.bind(arrow, 'end', { id: target, x: 0.5, y: 0.5 })
  assert.deepEqual(m.get(arrow)?.endBinding, { id: target, x: 0.5, y: 0.5 })
  m.bind(arrow, 'end', null)
  assert.equal(m.get(arrow)?.endBinding, undefined)
})

test('the server refuses bad groups and bindings, with a path', () => {
  const doc = new Y.Doc()
  const m = new CanvasModel(doc)
  const ok = m.add(rect(0))
  const shapes = doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes)
  const write = (id: string, fields: Record<string, unknown>) => {
    const s = new Y.Map<unknown>()
    for (const [k, v] of Object.entries({ type: 'arrow', z: 'a5', ...fields })) s.set(k, v)
    shapes.set(id, s)
  }
  write('s1', { group: 42 })
  write('s2', { group: 'x'.repeat(200) })
  write('s3', { startBinding: { id: ok, x: 2, y: 0 } })
  write('s4', { endBinding: 'there' })
  write('s5', { endBinding: { id: 's5', x: 0, y: 0 } })
  write('s6', { type: 'rect', endBinding: { id: ok, x: 0, y: 0 } })
  write('s7', { group: 'g0123', startBinding: { id: ok, x: 0, y: 1 } })
  assert.deepEqual(
    validateCanvas(doc).map((i) => i.path),
    [
      'shapes.s1.group',
      'shapes.s2.group',
      'shapes.s3.startBinding',
      'shapes.s4.endBinding',
      'shapes.s5.endBinding',
      'shapes.s6.endBinding',
    ],
  )
})
