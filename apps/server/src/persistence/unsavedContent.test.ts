import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { unintegrableOf } from './unintegrable.ts'
import { contentMissingFromStore } from './unsavedContent.ts'

function edits() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.getText('text').insert(0, 'abc')
  doc.getText('text').insert(3, 'def')
  doc.getText('text').delete(0, 1)
  return { doc, updates }
}

test('nothing is missing when the store holds every update', () => {
  const { doc, updates } = edits()
  assert.equal(contentMissingFromStore(doc, null, updates), null)
})

test('an insertion or a deletion the store lacks is returned, and completes the store', () => {
  const { doc, updates } = edits()
  for (const stored of [updates.slice(0, 1), updates.slice(0, 2)]) {
    const missing = contentMissingFromStore(doc, null, stored)
    assert.ok(missing)
    const rebuilt = new Y.Doc()
    for (const update of [...stored, missing]) Y.applyUpdate(rebuilt, update)
    assert.equal(rebuilt.getText('text').toString(), 'bcdef')
  }
})

test('updates that depend on a missing one are reported with the missing client and clock', () => {
  const { doc, updates } = edits()
  const loaded = new Y.Doc()
  Y.applyUpdate(loaded, updates[1] as Uint8Array)
  const problem = unintegrableOf(loaded)
  assert.deepEqual(problem?.missing, [{ client: doc.clientID, fromClock: 0, toClock: 2 }])
  Y.applyUpdate(loaded, updates[0] as Uint8Array)
  assert.equal(unintegrableOf(loaded), null)
})
