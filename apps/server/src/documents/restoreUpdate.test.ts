import assert from 'node:assert/strict'
import { test } from 'node:test'
import { GridModel } from '@weft/grid-model'
import * as Y from 'yjs'
import { restoreUpdate } from './restoreUpdate.ts'

const author = { id: 'u1', name: 'Ada' }

/** What a user of the grid sees, read through typed roots. */
function contentOf(doc: Y.Doc): string {
  const grid = new GridModel(doc)
  const cells = grid
    .layout()
    .rowIds.map((row) => grid.layout().colIds.map((col) => grid.getValue(row, col)))
  return JSON.stringify({ cells, notes: doc.getText('notes').toString() })
}

function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  return peer
}

test('a restore brings back edited, deleted and added grid content as a forward change', () => {
  const doc = new Y.Doc()
  const grid = new GridModel(doc)
  grid.initialize(3, 2)
  const [r0, r1] = grid.layout().rowIds as [string, string]
  grid.setCell(r0, 'c0', 'kept', author)
  grid.setCell(r1, 'c1', 'before', author)
  const version = Y.encodeStateAsUpdate(doc)
  const expected = contentOf(doc)

  grid.setCell(r1, 'c1', 'after', author)
  grid.deleteRows([r0])
  grid.insertRows(0, 2)
  doc.getText('notes').insert(0, 'a root created after the version')
  const peer = peerOf(doc)
  assert.notEqual(contentOf(doc), expected)

  const change = restoreUpdate(doc, version)
  Y.applyUpdate(doc, change)
  Y.applyUpdate(peer, change)
  assert.equal(new GridModel(doc).getValue(r1, 'c1'), 'before')
  assert.deepEqual(new GridModel(doc).layout().rowIds.length, 3)
  assert.equal(doc.getText('notes').toString(), '')
  assert.equal(contentOf(doc), expected)
  assert.equal(contentOf(peer), expected)
  // The history keeps going forward: the edits after the version are still in the document's
  // past (its state vector only grew), and a restore of the restore returns to them.
  assert.equal(new GridModel(doc).getValue(r0, 'c0'), 'kept')
})

test('a restore to before an import stored as row blocks takes the import away, and back', () => {
  const doc = new Y.Doc()
  const grid = new GridModel(doc)
  grid.initialize(2, 2)
  const [r0, r1] = grid.layout().rowIds as [string, string]
  grid.setCell(r0, 'c0', 'typed', author)
  const version = Y.encodeStateAsUpdate(doc)
  const expected = contentOf(doc)

  // Decision 0203: the import's rows that held nothing become one grid.blocks entry each.
  grid.setRowsInBulk(
    [
      { rowId: r0, colId: 'c1', value: 'imported over a typed row' },
      { rowId: r1, colId: 'c0', value: 'imported' },
      { rowId: r1, colId: 'c1', value: '=1+1' },
    ],
    author,
  )
  assert.equal(grid.blocks.size, 1)
  const imported = contentOf(doc)
  const afterImport = Y.encodeStateAsUpdate(doc)
  const peer = peerOf(doc)

  const change = restoreUpdate(doc, version)
  Y.applyUpdate(doc, change)
  Y.applyUpdate(peer, change)
  assert.equal(contentOf(doc), expected)
  assert.equal(contentOf(peer), expected)
  Y.applyUpdate(doc, restoreUpdate(doc, afterImport))
  assert.equal(contentOf(doc), imported)
})

test('text deleted since the version comes back; text typed since goes away', () => {
  const doc = new Y.Doc()
  const text = doc.getText('content')
  text.insert(0, 'hello world')
  const version = Y.encodeStateAsUpdate(doc)
  text.delete(0, 6)
  text.insert(text.length, '!!')
  Y.applyUpdate(doc, restoreUpdate(doc, version))
  assert.equal(text.toString(), 'hello world')
})

test('restoring the current state changes nothing', () => {
  const doc = new Y.Doc()
  doc.getMap('m').set('k', 'v')
  let changes = 0
  doc.on('update', () => changes++)
  Y.applyUpdate(doc, restoreUpdate(doc, Y.encodeStateAsUpdate(doc)))
  assert.equal(changes, 0)
  assert.equal(doc.getMap('m').get('k'), 'v')
})
