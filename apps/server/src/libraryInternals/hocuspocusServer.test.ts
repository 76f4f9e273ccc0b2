// Contract of the @hocuspocus/server internals takeOverBroadcast relies on (hocuspocusServer.ts),
// on real Documents: fails when an upgrade renames Document's batch or stops routing a turn's
// updates through handleUpdate and flush.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { Document } from '@hocuspocus/server'
import * as Y from 'yjs'
import { takeOverBroadcast } from './hocuspocusServer.ts'

function edit(text: string): Uint8Array {
  const source = new Y.Doc()
  source.getText('text').insert(0, text)
  return Y.encodeStateAsUpdate(source)
}

test('Document batches a turn in pendingUpdates through handleUpdate and flush', () => {
  const prototype = Document.prototype as unknown as Record<string, unknown>
  for (const name of ['handleUpdate', 'flush'])
    assert.equal(typeof prototype[name], 'function', `Document.prototype.${name}`)
  const document = new Document('contract:stock')
  const internals = document as unknown as { pendingUpdates: unknown; pendingUpdateBytes: unknown }
  Y.applyUpdate(document, edit('x'), 'somewhere')
  assert.ok(Array.isArray(internals.pendingUpdates))
  assert.equal((internals.pendingUpdates as unknown[]).length, 1)
  assert.ok((internals.pendingUpdateBytes as number) > 0)
  document.flush()
  assert.equal((internals.pendingUpdates as unknown[]).length, 0)
  document.destroy()
})

test("a taken-over document hands flush each update with its own transaction's origin", () => {
  const document = new Document('contract:taken')
  const turns: { updates: Uint8Array[]; origins: unknown[] }[] = []
  takeOverBroadcast(document, (_document, updates, origins) => turns.push({ updates, origins }))
  const first = { source: 'first' }
  const second = { source: 'second' }
  Y.applyUpdate(document, edit('a'), first)
  Y.applyUpdate(document, edit('b'), second)
  document.flush()
  assert.equal(turns.length, 1)
  assert.deepEqual(turns[0]?.origins, [first, second])
  assert.equal(turns[0]?.updates.length, 2)
  document.flush()
  assert.equal(turns.length, 1, 'an empty flush broadcasts nothing')
  // A document not taken over keeps the stock flush (nothing is handed over).
  const stock = new Document('contract:untouched')
  Y.applyUpdate(stock, edit('c'), first)
  stock.flush()
  assert.equal(turns.length, 1)
  document.destroy()
  stock.destroy()
})
