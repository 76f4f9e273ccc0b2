import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { unintegrableOf } from './unintegrable.ts'
import { contentMissingFromStore, FOLD_SLICE } from './unsavedContent.ts'

function edits() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  doc.getText('text').insert(0, 'abc')
  doc.getText('text').insert(3, 'def')
  doc.getText('text').delete(0, 1)
  return { doc, updates }
}

test('nothing is missing when the store holds every update', async () => {
  const { doc, updates } = edits()
  assert.equal(await contentMissingFromStore(doc, null, updates), null)
})

test('an insertion or a deletion the store lacks is returned, and completes the store', async () => {
  const { doc, updates } = edits()
  for (const stored of [updates.slice(0, 1), updates.slice(0, 2)]) {
    const missing = await contentMissingFromStore(doc, null, stored)
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

test('a long stored log is folded without holding the event loop for the whole of it', async () => {
  // A writer's keystrokes, one row each: the reader's node checks them all when it unloads.
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  const text = doc.getText('text')
  for (let i = 0; i < 3 * FOLD_SLICE; i++) text.insert(i, 'x')
  text.insert(0, 'not stored')
  const stored = updates.slice(0, 3 * FOLD_SLICE)
  // What else the node has to do meanwhile (another document's delivery) runs during the check.
  let turns = 0
  let checking = true
  const otherWork = () => {
    if (!checking) return
    turns++
    setImmediate(otherWork)
  }
  setImmediate(otherWork)
  const missing = await contentMissingFromStore(doc, null, stored)
  checking = false
  assert.ok(turns >= 3, `other work ran ${turns} times during the check`)
  assert.ok(missing)
  const rebuilt = new Y.Doc()
  for (const update of [...stored, missing]) Y.applyUpdate(rebuilt, update)
  assert.equal(rebuilt.getText('text').toString(), text.toString())
})
