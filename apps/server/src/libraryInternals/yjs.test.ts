// Contract of the Yjs internals the node reads (yjs.ts): fails when an upgrade stops holding
// back un-integrable updates where pendingOf looks for them.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { hasUnintegrable, pendingOf } from './yjs.ts'

function twoEdits() {
  const source = new Y.Doc()
  const updates: Uint8Array[] = []
  source.on('update', (update: Uint8Array) => updates.push(update))
  source.getText('text').insert(0, 'first ')
  source.getText('text').insert(6, 'second')
  return { source, first: updates[0] as Uint8Array, second: updates[1] as Uint8Array }
}

test('an update whose dependency is missing is held back and named by client and clock', () => {
  const { source, first, second } = twoEdits()
  const doc = new Y.Doc()
  assert.equal(pendingOf(doc), null)
  Y.applyUpdate(doc, second)
  assert.equal(hasUnintegrable(doc), true)
  assert.deepEqual(pendingOf(doc), { missing: new Map([[source.clientID, 5]]), deletes: false })
  Y.applyUpdate(doc, first)
  assert.equal(pendingOf(doc), null, 'integrated once the dependency arrives')
  assert.equal(doc.getText('text').toString(), 'first second')
})

test('a deletion of content the document lacks is held back', () => {
  const source = new Y.Doc()
  source.getText('text').insert(0, 'gone')
  const doc = new Y.Doc()
  const before = Y.encodeStateVector(source)
  source.getText('text').delete(0, 4)
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source, before))
  assert.equal(pendingOf(doc)?.deletes, true)
})
