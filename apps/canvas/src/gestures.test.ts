import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { Shape } from '@weft/canvas-model'
import {
  clickedSelection,
  drawnShape,
  type Press,
  pressOutcome,
  stepOutcome,
  textEdit,
  textShape,
} from './gestures.ts'
import { INITIAL_STYLE } from './tools.ts'

const shape = (id: string, x: number, y: number): Shape => ({
  id,
  type: 'rect',
  x,
  y,
  w: 100,
  h: 50,
  rotation: 0,
  z: 'a',
  points: [],
  text: '',
  fontSize: 20,
  ...INITIAL_STYLE,
})
const shapes = new Map([
  ['s1', shape('s1', 10, 20)],
  ['s2', shape('s2', 300, 40)],
])
const press = (over: Partial<Press>): Press => ({
  button: 0,
  tool: 'select',
  shift: false,
  handle: null,
  hitId: null,
  point: { x: 50, y: 60 },
  screen: { sx: 500, sy: 400 },
  cam: { x: 0, y: 0, zoom: 2 },
  selection: [],
  shapeOf: (id) => shapes.get(id) ?? null,
  ...over,
})

test('only the main and middle buttons start anything', () => {
  assert.deepEqual(pressOutcome(press({ button: 2 })), { kind: 'ignore' })
})

test('empty canvas draws a marquee; Space, a touch or the middle button pan instead', () => {
  const plain = pressOutcome(press({ selection: ['s1'] }))
  assert.equal(plain.kind, 'marquee')
  assert.equal(plain.kind === 'marquee' && plain.clearSelection, true)
  const shifted = pressOutcome(press({ selection: ['s1'], shift: true }))
  assert.equal(shifted.kind === 'marquee' && shifted.clearSelection, false)
  if (shifted.kind !== 'marquee') return
  assert.deepEqual(stepOutcome(shifted.gesture, { x: 10, y: 20 }, { sx: 0, sy: 0 }, 'select'), {
    kind: 'marquee',
    box: { x: 10, y: 20, w: 40, h: 40 },
    base: ['s1'],
  })
  const spaced = pressOutcome(press({ selection: ['s1'], panning: true }))
  assert.equal(spaced.kind === 'pan' && spaced.clearSelection, true)
  const middle = pressOutcome(press({ button: 1, tool: 'rect', hitId: 's1' }))
  assert.equal(middle.kind === 'pan' && middle.clearSelection, false)
})

test('a pan moves the camera against the pointer, in canvas units', () => {
  const outcome = pressOutcome(press({ panning: true }))
  assert.equal(outcome.kind, 'pan')
  if (outcome.kind !== 'pan') return
  assert.deepEqual(stepOutcome(outcome.gesture, { x: 0, y: 0 }, { sx: 520, sy: 380 }, 'select'), {
    kind: 'camera',
    cam: { x: -10, y: 10, zoom: 2 },
  })
})

test('pressing a shape selects it and drags every selected shape from where it was', () => {
  const outcome = pressOutcome(press({ hitId: 's2', selection: ['s1'], shift: true }))
  assert.equal(outcome.kind, 'select')
  if (outcome.kind !== 'select' || !outcome.gesture) return
  assert.deepEqual(outcome.selection, ['s1', 's2'])
  assert.deepEqual(stepOutcome(outcome.gesture, { x: 55.04, y: 58 }, { sx: 0, sy: 0 }, 'select'), {
    kind: 'move',
    patches: [
      ['s1', { x: 15, y: 18 }],
      ['s2', { x: 305, y: 38 }],
    ],
  })
})

test('a click on a shape: Shift toggles it, a plain click on an unselected one selects only it', () => {
  const selection = ['s1', 's2']
  assert.deepEqual(clickedSelection(selection, 's1', true), ['s2'])
  assert.deepEqual(clickedSelection(['s1'], 's2', true), ['s1', 's2'])
  assert.equal(clickedSelection(selection, 's1', false), selection, 'kept as it is')
  assert.deepEqual(clickedSelection(selection, 's3', false), ['s3'])
})

test('a resize handle resizes the selection together; rotate and line ends act on one shape', () => {
  const resize = pressOutcome(press({ handle: 'se', selection: ['s1'] }))
  assert.equal(resize.kind === 'select' && resize.gesture?.kind, 'resize')
  if (resize.kind !== 'select' || !resize.gesture) return
  const step = stepOutcome(resize.gesture, { x: 70, y: 90 }, { sx: 0, sy: 0 }, 'select')
  assert.deepEqual(step, { kind: 'resize', patches: [['s1', { x: 10, y: 20, w: 120, h: 80 }]] })
  // Shift keeps the aspect ratio (100 × 50 grows by the larger factor, 1.6).
  const kept = stepOutcome(resize.gesture, { x: 70, y: 90 }, { sx: 0, sy: 0 }, 'select', true)
  assert.deepEqual(kept, { kind: 'resize', patches: [['s1', { x: 10, y: 20, w: 160, h: 80 }]] })

  const rotate = pressOutcome(press({ handle: 'rotate', selection: ['s1'] }))
  assert.equal(rotate.kind === 'select' && rotate.gesture?.kind, 'rotate')
  // Two shapes: the handles of the box around both resize both; there is no rotate handle.
  const both = pressOutcome(press({ handle: 'e', selection: ['s1', 's2'] }))
  assert.equal(both.kind === 'select' && both.gesture?.kind, 'resize')
  assert.deepEqual(pressOutcome(press({ handle: 'rotate', selection: ['s1', 's2'] })), {
    kind: 'select',
    selection: null,
    gesture: null,
  })
})

test('shape tools draw; a drawing too small to be meant adds nothing', () => {
  const outcome = pressOutcome(press({ tool: 'rect', hitId: 's1' }))
  assert.equal(outcome.kind, 'draw')
  if (outcome.kind !== 'draw' || outcome.gesture.kind !== 'draw') return
  const step = stepOutcome(outcome.gesture, { x: 150, y: 100 }, { sx: 0, sy: 0 }, 'rect')
  assert.equal(step.kind, 'draft')
  if (step.kind !== 'draft') return
  assert.deepEqual(drawnShape('rect', step.points, INITIAL_STYLE), {
    type: 'rect',
    x: 50,
    y: 60,
    w: 100,
    h: 40,
    rotation: 0,
    text: '',
    fontSize: 20,
    points: [],
    ...INITIAL_STYLE,
  })
  assert.equal(
    drawnShape(
      'rect',
      [
        { x: 50, y: 60 },
        { x: 51, y: 61 },
      ],
      INITIAL_STYLE,
    ),
    null,
  )
})

test('the pen keeps every point, lines only their two ends', () => {
  const start = { x: 0, y: 0 }
  const gesture = { kind: 'draw' as const, start, points: [start, { x: 5, y: 5 }] }
  const pen = stepOutcome(gesture, { x: 9, y: 3 }, { sx: 0, sy: 0 }, 'freehand')
  assert.equal(pen.kind === 'draft' && pen.points.length, 3)
  const line = stepOutcome(gesture, { x: 9, y: 3 }, { sx: 0, sy: 0 }, 'line')
  assert.deepEqual(line.kind === 'draft' && line.points, [start, { x: 9, y: 3 }])
})

test('text and sticky tools open an editor; notes are yellow unless a fill is chosen', () => {
  assert.deepEqual(pressOutcome(press({ tool: 'sticky' })), { kind: 'text', tool: 'sticky' })
  const at = { x: 1, y: 2 }
  assert.equal(textShape('sticky', 'hi', at, INITIAL_STYLE).fill, '#ffe066')
  assert.equal(textShape('sticky', 'hi', at, { ...INITIAL_STYLE, fill: '#a5d8ff' }).fill, '#a5d8ff')
  assert.equal(textShape('text', 'hi', at, { ...INITIAL_STYLE, fill: '#a5d8ff' }).fill, 'none')
  assert.deepEqual(
    {
      w: textShape('sticky', 'hi', at, INITIAL_STYLE).w,
      size: textShape('text', 'hi', at, INITIAL_STYLE).fontSize,
    },
    { w: 160, size: 20 },
  )
})

test('editing a text box re-sizes it to the text; a note keeps its size', () => {
  const text = { ...shape('t', 0, 0), type: 'text' as const }
  const edit = textEdit(text, 'a longer line')
  assert.equal(edit.text, 'a longer line')
  assert.ok((edit.w ?? 0) > 0)
  assert.deepEqual(textEdit({ ...shape('n', 0, 0), type: 'sticky' }, 'x'), { text: 'x' })
})
