import assert from 'node:assert/strict'
import { test } from 'node:test'
import { dragSelection, pressSelection } from './pointerSelection.ts'

const cols = ['a', 'b', 'c']
const cell = (rowId: string, colId: string) => ({ rowId, colId })
const at = { anchor: cell('r1', 'a'), focus: cell('r1', 'a') }

test('a press on a cell selects it and starts a drag; with Shift it extends', () => {
  assert.deepEqual(pressSelection({ rowId: 'r2', colId: 'b', header: false }, at, false, cols), {
    selection: { anchor: cell('r2', 'b'), focus: cell('r2', 'b') },
    drag: true,
  })
  assert.deepEqual(pressSelection({ rowId: 'r2', colId: 'b', header: false }, at, true, cols), {
    selection: { anchor: cell('r1', 'a'), focus: cell('r2', 'b') },
    drag: true,
  })
})

test('a press on a row header selects the row without dragging', () => {
  assert.deepEqual(
    pressSelection({ rowId: 'r2', colId: undefined, header: true }, at, false, cols),
    {
      selection: { anchor: cell('r2', 'a'), focus: cell('r2', 'c') },
      drag: false,
    },
  )
})

test('dragging extends to the cell under the pointer, and is silent on the same cell', () => {
  assert.deepEqual(dragSelection(at, { rowId: 'r3', colId: 'c', header: false }), {
    anchor: cell('r1', 'a'),
    focus: cell('r3', 'c'),
  })
  assert.equal(dragSelection(at, { rowId: 'r1', colId: 'a', header: false }), null)
  assert.equal(dragSelection(at, { rowId: 'r1', colId: undefined, header: true }), null)
  assert.equal(dragSelection(null, { rowId: 'r3', colId: 'c', header: false }), null)
})
