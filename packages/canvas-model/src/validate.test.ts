import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { assetsUsed } from './assetId.ts'
import { CANVAS_ROOTS, CanvasModel } from './CanvasModel.ts'
import {
  validateBoardConfig,
  validateCanvas,
  validateCanvasChange,
  validateTile,
} from './validate.ts'

const board = { cols: 8, rows: 4, palette: ['#000000', '#ff0000', '#00ff00'] }

test('a document made through the model is valid', () => {
  const m = new CanvasModel(new Y.Doc())
  m.add({ type: 'rect', x: 0, y: 0, w: 10, h: 10, fill: '#ffd43b' })
  m.add({ type: 'line', x: 0, y: 0, w: 10, h: 0, points: [0, 0, 1, 0] })
  m.startTileBoard(board)
  m.setTile(3, 7, 2)
  assert.deepEqual(validateCanvas(m.doc), [])
})

test('board config: sides, palette size and colours', () => {
  assert.deepEqual(validateBoardConfig(board), [])
  const paths = validateBoardConfig({ cols: 0, rows: 1000, palette: ['red', '#fff'] }).map(
    (i) => i.path,
  )
  assert.deepEqual(paths, ['board.cols', 'board.rows', 'board.palette.0'])
  assert.equal(validateBoardConfig({ cols: 2, rows: 2, palette: [] }).length, 1)
  assert.equal(validateBoardConfig(null).length, 1)
})

test('tiles: inside the board and a palette index', () => {
  assert.deepEqual(validateTile(board, '3:7', 2), [])
  assert.equal(validateTile(board, '4:0', 0).length, 1)
  assert.equal(validateTile(board, '0:8', 0).length, 1)
  assert.equal(validateTile(board, '0:0', 3).length, 1)
  assert.equal(validateTile(board, '0:0', 1.5).length, 1)
  assert.equal(validateTile(board, '-1:0', 0).length, 1)
  assert.equal(validateTile(board, '01:0', 0).length, 1)
})

test('hand-written bad state is reported with a path', () => {
  const doc = new Y.Doc()
  const shape = new Y.Map<unknown>()
  shape.set('type', 'hexagon')
  shape.set('x', 'far')
  shape.set('z', 'Z!')
  shape.set('points', [1, 2, 3])
  doc.getMap(CANVAS_ROOTS.shapes).set('bad', shape)
  doc.getMap(CANVAS_ROOTS.meta).set('board', board)
  doc.getMap(CANVAS_ROOTS.tiles).set('99:0', 0)
  const paths = validateCanvas(doc).map((i) => i.path)
  assert.deepEqual(paths, [
    'shapes.bad.type',
    'shapes.bad.x',
    'shapes.bad.z',
    'shapes.bad.points',
    'tiles.99:0',
  ])
})

test('a change is checked on the shapes it touched, not the whole board', () => {
  const m = new CanvasModel(new Y.Doc())
  const good = m.add({ type: 'rect', x: 0, y: 0, w: 10, h: 10 })
  const shapes = m.doc.getMap<Y.Map<unknown>>(CANVAS_ROOTS.shapes)
  const bad = new Y.Map<unknown>()
  bad.set('type', 'rect')
  bad.set('z', 'a1')
  bad.set('points', [0, 0, 1])
  shapes.set('sbad', bad)
  assert.deepEqual(validateCanvasChange(m.doc, { shapes: [good], board: false }), [])
  assert.deepEqual(
    validateCanvasChange(m.doc, { shapes: ['sbad', 'sgone'], board: false }).map((i) => i.path),
    ['shapes.sbad.points'],
  )
  m.doc.getMap(CANVAS_ROOTS.meta).set('mode', 'chaos')
  assert.deepEqual(
    validateCanvasChange(m.doc, { shapes: [], board: true }).map((i) => i.path),
    ['meta.mode'],
  )
})

test('an image names its asset by sha-256 hex; other shapes carry none', () => {
  const m = new CanvasModel(new Y.Doc())
  const hash = 'ab'.repeat(32)
  const image = m.add({ type: 'image', x: 0, y: 0, w: 40, h: 30, asset: hash })
  assert.deepEqual(validateCanvas(m.doc), [])
  assert.equal(m.get(image)?.asset, hash)
  assert.deepEqual([...assetsUsed(m.doc, [image])], [hash])
  m.shapes.get(image)?.set('asset', '../../etc/passwd')
  assert.deepEqual(
    validateCanvas(m.doc).map((i) => i.path),
    [`shapes.${image}.asset`],
  )
  m.shapes.get(image)?.delete('asset')
  assert.equal(validateCanvas(m.doc).length, 1)
  const rect = m.add({ type: 'rect', x: 0, y: 0, w: 1, h: 1 })
  m.shapes.get(rect)?.set('asset', hash)
  assert.ok(validateCanvas(m.doc).some((i) => i.path === `shapes.${rect}.asset`))
})
