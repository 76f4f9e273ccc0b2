import assert from 'node:assert/strict'
import { test } from 'node:test'
import { treeKeyAction, type VisibleRow } from './treeKeys.ts'

// src/ (open) > app.js, lib/ (closed); index.html
const rows: VisibleRow[] = [
  { id: 'src', folder: true, open: true, parentId: null },
  { id: 'app', folder: false, open: false, parentId: 'src' },
  { id: 'lib', folder: true, open: false, parentId: 'src' },
  { id: 'index', folder: false, open: false, parentId: null },
]

test('up, down, home and end walk the visible rows and stop at the ends', () => {
  assert.deepEqual(treeKeyAction('ArrowDown', rows, 'src'), { kind: 'focus', id: 'app' })
  assert.deepEqual(treeKeyAction('ArrowUp', rows, 'app'), { kind: 'focus', id: 'src' })
  assert.equal(treeKeyAction('ArrowUp', rows, 'src'), null)
  assert.equal(treeKeyAction('ArrowDown', rows, 'index'), null)
  assert.deepEqual(treeKeyAction('Home', rows, 'lib'), { kind: 'focus', id: 'src' })
  assert.deepEqual(treeKeyAction('End', rows, 'src'), { kind: 'focus', id: 'index' })
})

test('right opens a closed folder, then steps into it; on a file it does nothing', () => {
  assert.deepEqual(treeKeyAction('ArrowRight', rows, 'lib'), { kind: 'expand', id: 'lib' })
  assert.deepEqual(treeKeyAction('ArrowRight', rows, 'src'), { kind: 'focus', id: 'app' })
  assert.equal(treeKeyAction('ArrowRight', rows, 'app'), null)
})

test('left closes an open folder, else steps out to the parent', () => {
  assert.deepEqual(treeKeyAction('ArrowLeft', rows, 'src'), { kind: 'collapse', id: 'src' })
  assert.deepEqual(treeKeyAction('ArrowLeft', rows, 'app'), { kind: 'focus', id: 'src' })
  assert.deepEqual(treeKeyAction('ArrowLeft', rows, 'lib'), { kind: 'focus', id: 'src' })
  assert.equal(treeKeyAction('ArrowLeft', rows, 'index'), null)
})

test("from a row that is gone, any tree key goes to the first row; other keys are not the tree's", () => {
  assert.deepEqual(treeKeyAction('ArrowDown', rows, 'deleted'), { kind: 'focus', id: 'src' })
  assert.equal(treeKeyAction('Enter', rows, 'app'), null)
  assert.equal(treeKeyAction('a', rows, 'app'), null)
  assert.equal(treeKeyAction('a', rows, 'deleted'), null)
})
