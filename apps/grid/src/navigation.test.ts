import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { ViewOrder } from './editing.ts'
import {
  cellAt,
  moveSelection,
  pastedSelection,
  scrollLeftToShow,
  selectAll,
  selectColumn,
  selectRow,
} from './navigation.ts'

function viewOf(rowIds: string[], colIds: string[]): ViewOrder {
  return {
    rowIds,
    colIds,
    rowIndex: new Map(rowIds.map((id, i) => [id, i])),
    colIndex: new Map(colIds.map((id, i) => [id, i])),
  }
}
// A sorted view: rows on screen in another order than in the sheet.
const view = viewOf(['r3', 'r1', 'r2'], ['a', 'b', 'c'])
const cell = (rowId: string, colId: string) => ({ rowId, colId })

test('cells are found by their place on screen, clamped to the sheet', () => {
  assert.deepEqual(cellAt(view, 0, 0), cell('r3', 'a'))
  assert.deepEqual(cellAt(view, 9, -1), cell('r2', 'a'))
  assert.equal(cellAt(viewOf([], ['a']), 0, 0), null)
})

test('arrows move the active cell in screen order and stop at the edges', () => {
  const at = { anchor: cell('r3', 'a'), focus: cell('r3', 'a') }
  assert.deepEqual(moveSelection(at, view, 1, 1, false), {
    selection: { anchor: cell('r1', 'b'), focus: cell('r1', 'b') },
    row: 1,
    col: 1,
  })
  assert.deepEqual(moveSelection(at, view, -1, -1, false), {
    selection: { anchor: cell('r3', 'a'), focus: cell('r3', 'a') },
    row: 0,
    col: 0,
  })
})

test('Shift+arrows keep the anchor and move the focus', () => {
  const at = { anchor: cell('r3', 'a'), focus: cell('r1', 'b') }
  assert.deepEqual(moveSelection(at, view, 1, 0, true)?.selection, {
    anchor: cell('r3', 'a'),
    focus: cell('r2', 'b'),
  })
})

test('with nothing selected, a move selects the first cell', () => {
  assert.deepEqual(moveSelection(null, view, 1, 1, false)?.selection, {
    anchor: cell('r3', 'a'),
    focus: cell('r3', 'a'),
  })
})

test('select all, a column and a row', () => {
  assert.deepEqual(selectAll(view), { anchor: cell('r3', 'a'), focus: cell('r2', 'c') })
  assert.deepEqual(selectColumn(view, 1), { anchor: cell('r3', 'b'), focus: cell('r2', 'b') })
  assert.deepEqual(selectRow(view.colIds, 'r1'), {
    anchor: cell('r1', 'a'),
    focus: cell('r1', 'c'),
  })
  assert.equal(selectRow([], 'r1'), null)
})

test('a column is scrolled into view past the pinned row header, and only when hidden', () => {
  const scroller = { scrollLeft: 100, clientWidth: 356 }
  // Visible: 100 .. 100 + 356 - 56 = 400.
  assert.equal(scrollLeftToShow(scroller, 150, 120, 56), null)
  assert.equal(scrollLeftToShow(scroller, 40, 120, 56), 40)
  assert.equal(scrollLeftToShow(scroller, 350, 120, 56), 170)
})

test('a paste selects the block written, reaching into rows the paste added', () => {
  const written = { top: 1, left: 1, bottom: 3, right: 2 }
  const latest = { rowIds: ['r1', 'r2', 'r3', 'r4'], colIds: ['a', 'b', 'c'] }
  assert.deepEqual(pastedSelection(view, written, latest), {
    anchor: cell('r1', 'b'),
    focus: cell('r4', 'c'),
  })
})
