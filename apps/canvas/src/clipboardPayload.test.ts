import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CanvasModel } from '@weft/canvas-model'
import * as Y from 'yjs'
import { decodeClipboard, encodeClipboard, PASTE_LIMITS } from './clipboardPayload.ts'

function board() {
  const m = new CanvasModel(new Y.Doc())
  const a = m.add({ type: 'rect', x: 10, y: 20, w: 30, h: 40, fill: '#a5d8ff' })
  const b = m.add({ type: 'sticky', x: 100, y: 0, w: 160, h: 120, text: 'Plan' })
  m.group([a, b])
  return { m, shapes: [...m.list()] }
}

test('copied shapes decode to the same shapes, fields and grouping kept', () => {
  const { shapes } = board()
  const decoded = decodeClipboard(encodeClipboard(shapes))
  assert.equal(decoded.kind, 'shapes')
  if (decoded.kind !== 'shapes') return
  assert.deepEqual(
    decoded.shapes.map((s) => [s.type, s.x, s.y, s.w, s.fill, s.text]),
    shapes.map((s) => [s.type, s.x, s.y, s.w, s.fill, s.text]),
  )
  const [g1, g2] = decoded.shapes.map((s) => s.group)
  assert.ok(g1 && g1 === g2)
})

test('text that is not a Weft payload is left to others', () => {
  assert.deepEqual(decodeClipboard('hello'), { kind: 'foreign' })
  assert.deepEqual(decodeClipboard('{"a": 1}'), { kind: 'foreign' })
  assert.deepEqual(decodeClipboard(''), { kind: 'foreign' })
})

test('a damaged, foreign-version, huge or malicious payload is refused with a reason', () => {
  const { shapes } = board()
  const good = JSON.parse(encodeClipboard(shapes))
  const refused = (text: string) => {
    const d = decodeClipboard(text)
    assert.equal(d.kind, 'refused', text.slice(0, 80))
    return d.kind === 'refused' ? d.reason : ''
  }
  assert.match(refused('{"kind":"weft.canvas.shapes", "shapes": [ '), /damaged/)
  assert.match(refused(JSON.stringify({ ...good, version: 99 })), /another version/)
  assert.match(refused(JSON.stringify({ ...good, shapes: 'many' })), /another version/)
  assert.match(
    refused(JSON.stringify({ ...good, shapes: Array(PASTE_LIMITS.maxShapes + 1).fill(shapes[0]) })),
    /limited to 2000 shapes/,
  )
  assert.match(
    refused(`{"kind":"weft.canvas.shapes","pad":"${'x'.repeat(PASTE_LIMITS.maxChars)}"}`),
    /too large/,
  )
  assert.match(refused(JSON.stringify({ ...good, shapes: [null] })), /damaged/)
  const evil = [
    { ...shapes[0], type: 'script' },
    { ...shapes[0], stroke: 'url(javascript:alert(1))' },
    { ...shapes[0], x: 'left' },
    { ...shapes[0], points: [1, 2, 3] },
    { ...shapes[0], text: 5 },
  ]
  for (const s of evil) assert.match(refused(JSON.stringify({ ...good, shapes: [s] })), /damaged/)
})

test('unknown fields in a pasted shape are dropped, not written', () => {
  const { shapes } = board()
  // A group or binding that is not an id is replaced (a new group) or dropped, never stored.
  const withExtra = [{ ...shapes[0], extra: 'x', group: { $ne: 1 }, startBinding: { id: 5 } }]
  const decoded = decodeClipboard(
    JSON.stringify({ ...JSON.parse(encodeClipboard([])), shapes: withExtra }),
  )
  assert.equal(decoded.kind, 'shapes')
  if (decoded.kind !== 'shapes') return
  const [pasted] = decoded.shapes
  assert.equal(pasted && 'extra' in pasted, false)
  assert.match(pasted?.group ?? '', /^g[0-9a-f]{11}$/)
  assert.equal(pasted?.startBinding, undefined)
})
