import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import { commitText, editorLook } from './textEditing.ts'
import { INITIAL_STYLE } from './tools.ts'

const shape = (type: Shape['type'], text: string): Shape => ({
  id: 's1',
  type,
  x: 10,
  y: 20,
  w: 160,
  h: 120,
  rotation: 0,
  z: 'a',
  points: [],
  text,
  fontSize: 16,
  ...INITIAL_STYLE,
})
const at = { x: 40, y: 50 }

test('a new text or note is added with its text; an empty or blank one is discarded', () => {
  const added = commitText({ kind: 'new', tool: 'sticky', at }, 'Plan', INITIAL_STYLE, null)
  assert.equal(added.kind, 'add')
  assert.deepEqual(added.kind === 'add' && [added.init.type, added.init.text, added.init.x], [
    'sticky',
    'Plan',
    40,
  ])
  assert.deepEqual(commitText({ kind: 'new', tool: 'text', at }, '', INITIAL_STYLE, null), {
    kind: 'none',
  })
  assert.deepEqual(commitText({ kind: 'new', tool: 'text', at }, ' \n ', INITIAL_STYLE, null), {
    kind: 'none',
  })
})

test('an edit writes only a changed text; an emptied text box goes, an emptied note stays', () => {
  const edit = { kind: 'edit', id: 's1' } as const
  assert.deepEqual(commitText(edit, 'same', INITIAL_STYLE, shape('sticky', 'same')), {
    kind: 'none',
  })
  assert.deepEqual(commitText(edit, 'new', INITIAL_STYLE, shape('sticky', 'old')), {
    kind: 'update',
    id: 's1',
    patch: { text: 'new' },
  })
  const grown = commitText(edit, 'a longer text', INITIAL_STYLE, shape('text', 'old'))
  assert.ok(grown.kind === 'update' && (grown.patch.w ?? 0) > 100, 'a text box fits its text')
  assert.deepEqual(commitText(edit, '', INITIAL_STYLE, shape('text', 'old')), {
    kind: 'delete',
    id: 's1',
  })
  assert.equal(commitText(edit, '', INITIAL_STYLE, shape('sticky', 'old')).kind, 'update')
  // Someone deleted the shape while it was being edited: nothing to write.
  assert.deepEqual(commitText(edit, 'x', INITIAL_STYLE, null), { kind: 'none' })
})

test('the editor sits over the shape: a note keeps its box, a text box grows with the text', () => {
  const note = editorLook({ kind: 'edit', id: 's1' }, 'hi', INITIAL_STYLE, shape('sticky', 'hi'))
  assert.deepEqual(note && [note.x, note.y, note.w, note.h, note.inset, note.background], [
    10,
    20,
    160,
    120,
    10,
    '#ffe066',
  ])
  const short = editorLook({ kind: 'new', tool: 'text', at }, 'ab', INITIAL_STYLE, null)
  const long = editorLook(
    { kind: 'new', tool: 'text', at },
    'a much longer line',
    INITIAL_STYLE,
    null,
  )
  assert.ok(short && long && long.w > short.w && short.x === 40 && short.fontSize === 20)
  const twoLines = editorLook({ kind: 'new', tool: 'text', at }, 'a\nb', INITIAL_STYLE, null)
  assert.ok(twoLines && short && twoLines.h > short.h)
  assert.equal(editorLook({ kind: 'edit', id: 's1' }, '', INITIAL_STYLE, shape('rect', '')), null)
})
