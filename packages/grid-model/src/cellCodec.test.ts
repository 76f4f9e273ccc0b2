import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { authorKey } from './cellCodec.ts'
import { GridModel } from './GridModel.ts'
import { type Overwrite, OverwriteWatcher } from './OverwriteWatcher.ts'
import { docWithClient, sync } from './testing.ts'

const ada = { id: 'u-ada', name: 'Ada' }
const bob = { id: 'u-bob', name: 'Bob' }

function pair(): [GridModel, GridModel] {
  const a = new GridModel(docWithClient(1))
  const b = new GridModel(docWithClient(2))
  a.initialize(3, 3)
  sync(a.doc, b.doc)
  return [a, b]
}

/** A write as clients before decision 0135 made it: the whole author object in every cell. */
function legacyWrite(model: GridModel, rowId: string, colId: string, v: string, who = bob) {
  model.doc.transact(() => {
    model.cells.set(`${rowId}:${colId}`, { v, by: who.id, name: who.name, at: 1_000 })
  }, model.origin)
}

test('a cell is stored as a short string and read back with its author', () => {
  const [a, b] = pair()
  a.setCell('r0', 'c0', '42', ada)
  sync(a.doc, b.doc)
  assert.equal(b.cells.get('r0:c0'), `${authorKey(ada.id)}:42`)
  assert.equal(b.getValue('r0', 'c0'), '42')
  assert.deepEqual(b.getCell('r0', 'c0'), { v: '42', by: 'u-ada', name: 'Ada' })
})

test('a value holding the separator reads back whole', () => {
  const [a] = pair()
  a.setCell('r0', 'c0', 'a:b:c', ada)
  assert.equal(a.getValue('r0', 'c0'), 'a:b:c')
})

test('a document written before the compact form reads as before, and both forms converge', () => {
  const [a, b] = pair()
  legacyWrite(b, 'r0', 'c0', 'old', bob)
  sync(a.doc, b.doc)
  assert.deepEqual(a.getCell('r0', 'c0'), { v: 'old', by: 'u-bob', name: 'Bob', at: 1_000 })
  // A new client and an old one write the same cell at once: one value everywhere.
  a.setCell('r1', 'c1', 'new Ada', ada)
  legacyWrite(b, 'r1', 'c1', 'old Bob', bob)
  sync(a.doc, b.doc)
  assert.equal(a.getValue('r1', 'c1'), b.getValue('r1', 'c1'))
  assert.deepEqual(a.getCell('r1', 'c1'), b.getCell('r1', 'c1'))
  assert.deepEqual([...a.filledCells()].sort(), [
    ['r0', 'c0'],
    ['r1', 'c1'],
  ])
})

test('undoing an overwrite brings back the other author’s value with its author', () => {
  const [a, b] = pair()
  b.setCell('r0', 'c0', 'Bob’s', bob)
  sync(a.doc, b.doc)
  const undo = new Y.UndoManager(a.scope, { trackedOrigins: new Set([a.origin]) })
  a.setCell('r0', 'c0', 'Ada’s', ada)
  undo.undo()
  sync(a.doc, b.doc)
  assert.deepEqual(b.getCell('r0', 'c0'), { v: 'Bob’s', by: 'u-bob', name: 'Bob' })
})

test('a user whose author key names someone else is stored in the legacy form', () => {
  const [a] = pair()
  a.authors.set(authorKey(ada.id), { id: 'u-other', name: 'Other' })
  a.setCell('r0', 'c0', 'mine', ada)
  assert.equal(typeof a.cells.get('r0:c0'), 'object')
  assert.equal(a.getCell('r0', 'c0')?.name, 'Ada')
  assert.equal(a.authors.get(authorKey(ada.id))?.id, 'u-other', 'the other user keeps the key')
})

test('a renamed user’s cells show the new name', () => {
  const [a] = pair()
  a.setCell('r0', 'c0', 'x', ada)
  a.setCell('r1', 'c0', 'y', { id: ada.id, name: 'Ada L.' })
  assert.equal(a.getCell('r0', 'c0')?.name, 'Ada L.')
  assert.equal(a.authors.size, 1)
})

test('a same-cell race between an old and a new client is told to both', () => {
  const [a, b] = pair()
  const told: Overwrite[] = []
  new OverwriteWatcher(a, { userId: ada.id, onOverwrite: (o) => told.push(o) })
  new OverwriteWatcher(b, { userId: bob.id, onOverwrite: (o) => told.push(o) })
  a.setCell('r0', 'c0', 'from Ada', ada)
  legacyWrite(b, 'r0', 'c0', 'from Bob', bob)
  sync(a.doc, b.doc)
  const names = told.map((o) => `${o.kind}:${o.kind === 'kept' ? o.loser?.name : o.winner.name}`)
  const winner = a.getCell('r0', 'c0')?.name
  const loser = winner === 'Ada' ? 'Bob' : 'Ada'
  assert.deepEqual(names.sort(), [`kept:${loser}`, `lost:${winner}`])
})

test('the stamp names the write a cell holds', () => {
  const [a, b] = pair()
  a.setCell('r0', 'c0', 'same', ada)
  const first = a.cellStamp('r0', 'c0')
  a.setCell('r0', 'c0', 'same', ada)
  assert.notEqual(a.cellStamp('r0', 'c0'), first)
  sync(a.doc, b.doc)
  assert.equal(b.cellStamp('r0', 'c0'), a.cellStamp('r0', 'c0'))
  assert.equal(a.cellStamp('r2', 'c2'), '')
})

test('a full sheet stores less than half of what the author object per cell took', () => {
  const fill = (write: (m: GridModel, r: string, c: string, v: string) => void) => {
    const model = new GridModel(docWithClient(7))
    model.initialize(200, 26)
    const { rowIds, colIds } = model.layout()
    model.doc.transact(() => {
      rowIds.forEach((r, i) => {
        colIds.forEach((c, j) => {
          write(model, r, c, String(i * j))
        })
      })
    }, model.origin)
    return Y.encodeStateAsUpdate(model.doc).byteLength
  }
  const compact = fill((m, r, c, v) => m.setCell(r, c, v, { id: 'u-0123abcd', name: 'Perf' }))
  const legacy = fill((m, r, c, v) =>
    m.cells.set(`${r}:${c}`, { v, by: 'u-0123abcd', name: 'Perf', at: Date.now() }),
  )
  assert.ok(compact < legacy / 2, `compact ${compact} B, legacy ${legacy} B`)
})
