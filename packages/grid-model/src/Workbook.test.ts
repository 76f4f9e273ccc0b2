import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { authorKey } from './cellCodec.ts'
import { describeWorkbookUpdate } from './describeWorkbookUpdate.ts'
import { toDisplayFormula, toStoredFormula } from './formulaRefs.ts'
import { GRID_TYPES, GridModel, MAIN_SHEET, sheetTypeName } from './GridModel.ts'
import { docWithClient, sync } from './testing.ts'
import { Workbook } from './Workbook.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

function book(clientId = 1): Workbook {
  const b = new Workbook(docWithClient(clientId))
  b.initialize(5, 3)
  return b
}

function write(b: Workbook, sheetId: string, address: string, text: string, who = ada): void {
  const model = b.model(sheetId)
  const layout = model.layout()
  const col = address.charCodeAt(0) - 65
  const row = Number(address.slice(1)) - 1
  model.setCell(
    layout.rowIds[row] as string,
    layout.colIds[col] as string,
    toStoredFormula(text, layout),
    who,
  )
}

function shown(b: Workbook, sheetId: string, address: string): string {
  const layout = b.model(sheetId).layout()
  const col = address.charCodeAt(0) - 65
  const row = Number(address.slice(1)) - 1
  return b.evaluator(sheetId).display(layout.rowIds[row] as string, layout.colIds[col] as string)
}

test('a document from before sheets opens as one sheet, Sheet1, with its cells', () => {
  const doc = docWithClient(1)
  const old = new GridModel(doc)
  old.initialize(3, 2)
  const { rowIds, colIds } = old.layout()
  old.setCell(rowIds[0] as string, colIds[0] as string, 'kept', ada)
  const b = new Workbook(doc)
  assert.deepEqual(
    b.sheets().map((s) => [s.id, s.name]),
    [[MAIN_SHEET, 'Sheet1']],
  )
  assert.equal(shown(b, MAIN_SHEET, 'A1'), 'kept')
  // Nothing was written just by reading it as a workbook.
  assert.equal(b.meta.size, 0)
})

test('a sheet added on one client appears on the other, blank, after the first', () => {
  const a = book(1)
  const b = new Workbook(docWithClient(2))
  sync(a.doc, b.doc)
  const id = a.addSheet()
  sync(a.doc, b.doc)
  assert.deepEqual(
    b.sheets().map((s) => s.name),
    ['Sheet1', 'Sheet2'],
  )
  assert.equal(b.model(id).layout().rowIds.length, 100)
  assert.equal(b.model(id).getValue('r0', 'c0'), '')
})

test('cells of two sheets are apart', () => {
  const b = book()
  const id = b.addSheet('Other', 5, 3)
  write(b, MAIN_SHEET, 'A1', 'first')
  write(b, id, 'A1', 'second')
  assert.equal(shown(b, MAIN_SHEET, 'A1'), 'first')
  assert.equal(shown(b, id, 'A1'), 'second')
})

test('a formula reads another sheet, and follows it when it changes', () => {
  const b = book()
  const id = b.addSheet('Sheet2', 5, 3)
  write(b, id, 'A1', '20')
  write(b, id, 'B2', '22')
  write(b, MAIN_SHEET, 'A1', '=Sheet2!A1*2')
  write(b, MAIN_SHEET, 'A2', '=SUM(Sheet2!A1:B2)')
  assert.equal(shown(b, MAIN_SHEET, 'A1'), '40')
  assert.equal(shown(b, MAIN_SHEET, 'A2'), '42')
  write(b, id, 'A1', '1')
  assert.equal(shown(b, MAIN_SHEET, 'A1'), '2')
  assert.equal(shown(b, MAIN_SHEET, 'A2'), '23')
})

test('quoted sheet names work, and a rename rewrites how formulas show it', () => {
  const b = book()
  const id = b.addSheet('My sheet', 5, 3)
  write(b, id, 'B3', '7')
  write(b, MAIN_SHEET, 'A1', "='My sheet'!B3+1")
  const model = b.model(MAIN_SHEET)
  const stored = model.getValue('r0', 'c0')
  assert.match(stored, new RegExp(`\\{\\{${id}!`))
  assert.equal(toDisplayFormula(stored, model.layout()), "='My sheet'!B3+1")
  assert.equal(b.renameSheet(id, 'Costs'), null)
  assert.equal(toDisplayFormula(stored, model.layout()), '=Costs!B3+1')
  assert.equal(shown(b, MAIN_SHEET, 'A1'), '8')
})

test('deleting a sheet shows #REF! where it was used; restoring brings the value back', () => {
  const b = book()
  const id = b.addSheet('Sheet2', 5, 3)
  write(b, id, 'A1', '5')
  write(b, MAIN_SHEET, 'A1', '=Sheet2!A1')
  assert.equal(b.deleteSheet(id), true)
  assert.equal(shown(b, MAIN_SHEET, 'A1'), '#REF!')
  assert.deepEqual(
    b.deletedSheets().map((s) => s.name),
    ['Sheet2'],
  )
  b.restoreSheet(id)
  assert.equal(shown(b, MAIN_SHEET, 'A1'), '5')
})

test('the last sheet cannot be deleted', () => {
  const b = book()
  assert.equal(b.deleteSheet(MAIN_SHEET), false)
  assert.equal(b.sheets().length, 1)
})

test('a sheet delete is undone by the deleter’s undo', () => {
  const b = book()
  const id = b.addSheet()
  const undo = new Y.UndoManager([b.meta], { trackedOrigins: new Set([b.origin]) })
  b.deleteSheet(id)
  assert.equal(b.isLive(id), false)
  undo.undo()
  assert.equal(b.isLive(id), true)
})

test('names are refused when empty, taken (any case) or holding : / ? etc.', () => {
  const b = book()
  const id = b.addSheet('Two')
  assert.match(b.renameSheet(id, '  ') ?? '', /empty/)
  assert.match(b.renameSheet(id, 'sheet1') ?? '', /already/)
  assert.match(b.renameSheet(id, 'a/b') ?? '', /cannot contain/)
  assert.deepEqual(
    b.sheets().map((s) => s.name),
    ['Sheet1', 'Two'],
  )
})

test('tabs move, and a move and a concurrent rename of the same tab both hold', () => {
  const a = book(1)
  const b = new Workbook(docWithClient(2))
  const two = a.addSheet()
  a.addSheet()
  sync(a.doc, b.doc)
  a.moveSheet(MAIN_SHEET, 2)
  b.renameSheet(MAIN_SHEET, 'Summary')
  sync(a.doc, b.doc)
  for (const w of [a, b]) {
    assert.deepEqual(
      w.sheets().map((s) => s.name),
      ['Sheet2', 'Sheet3', 'Summary'],
    )
  }
  a.moveSheet(two, 0)
  assert.equal(a.sheets()[0]?.id, two)
})

test('the activity of a workbook names the sheet of each change', () => {
  const live = book(1)
  const replay = new Workbook(new Y.Doc())
  Y.applyUpdate(replay.doc, Y.encodeStateAsUpdate(live.doc))
  const sv = Y.encodeStateVector(live.doc)
  const id = live.addSheet('Costs', 5, 3)
  write(live, id, 'B2', 'x')
  const changes = describeWorkbookUpdate(replay, Y.encodeStateAsUpdate(live.doc, sv))
  assert.deepEqual(changes, [
    { kind: 'sheet', sheet: 'Costs', action: 'added' },
    { kind: 'cell', sheet: 'Costs', rowId: 'r1', colId: 'c1', ref: 'B2', from: '', to: 'x' },
  ])
  const sv2 = Y.encodeStateVector(live.doc)
  live.renameSheet(id, 'Money')
  assert.deepEqual(describeWorkbookUpdate(replay, Y.encodeStateAsUpdate(live.doc, sv2)), [
    { kind: 'sheet', sheet: 'Money', action: 'renamed', from: 'Costs' },
  ])
})

test('a cell on a second sheet is stored compactly, its author named once for the document', () => {
  const a = book(1)
  const b = new Workbook(docWithClient(2))
  const id = a.addSheet('Costs', 5, 3)
  write(a, MAIN_SHEET, 'A1', 'first', ada)
  write(a, id, 'A1', 'again', ada)
  write(a, id, 'B2', '42', bob)
  sync(a.doc, b.doc)
  // The compact form (decision 0135) in the sheet's own cells type…
  const stored = b.doc.getMap(sheetTypeName(id, 'cells'))
  assert.equal(stored.get('r1:c1'), `${authorKey(bob.id)}:42`)
  assert.equal(stored.get('r0:c0'), `${authorKey(ada.id)}:again`)
  // …read back with its author on the other client,
  assert.deepEqual(b.model(id).getCell('r1', 'c1'), { v: '42', by: 'u-bob', name: 'Bob' })
  assert.deepEqual(b.model(id).getCell('r0', 'c0'), { v: 'again', by: 'u-ada', name: 'Ada' })
  // …through the one registry of the document: Ada once, though she wrote on two sheets.
  assert.deepEqual(b.doc.getMap(GRID_TYPES.authors).toJSON(), {
    [authorKey(ada.id)]: { id: 'u-ada', name: 'Ada' },
    [authorKey(bob.id)]: { id: 'u-bob', name: 'Bob' },
  })
  assert.equal(b.model(id).authors, b.model(MAIN_SHEET).authors)
  assert.equal(b.doc.share.has(`grid.${id}.authors`), false)
})

test('a formula reading another sheet recomputes when that sheet changes on another client', () => {
  const a = book(1)
  const b = new Workbook(docWithClient(2))
  const id = a.addSheet('Sheet2', 5, 3)
  write(a, id, 'A1', '20')
  write(a, id, 'B1', '=A1+100')
  write(a, MAIN_SHEET, 'A1', '=Sheet2!A1*2')
  // Reads the cross-sheet formula above: must be forgotten with it.
  write(a, MAIN_SHEET, 'B1', '=A1+1')
  write(a, MAIN_SHEET, 'C1', '=SUM(Sheet2!A1:A3)')
  // Reads a formula of the other sheet, which reads that sheet's A1.
  write(a, MAIN_SHEET, 'D1', '=Sheet2!B1')
  sync(a.doc, b.doc)
  const before = ['A1', 'B1', 'C1', 'D1'].map((cell) => shown(a, MAIN_SHEET, cell))
  assert.deepEqual(before, ['40', '41', '20', '120'])

  write(b, id, 'A1', '5', bob)
  sync(a.doc, b.doc)
  const after = ['A1', 'B1', 'C1', 'D1'].map((cell) => shown(a, MAIN_SHEET, cell))
  assert.deepEqual(after, ['10', '11', '5', '105'])

  // A row inserted inside the range on Sheet2 takes part in the sum.
  const [row] = b.model(id).insertRows(1, 1)
  b.model(id).setCell(row as string, 'c0', '7', bob)
  sync(a.doc, b.doc)
  assert.equal(shown(a, MAIN_SHEET, 'C1'), '12')
})
