import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { docChangeStore } from './docChangeStore.ts'
import { manualFrames } from './manualFrames.ts'

test('the revision moves once per frame of transactions, and only while subscribed', () => {
  const doc = new Y.Doc()
  const { frames, run } = manualFrames()
  const store = docChangeStore(doc, frames)
  const text = doc.getText('t')
  let told = 0
  const unsubscribe = store.subscribe(() => {
    told += 1
  })
  run()
  // Subscribing counts as a change: what landed before it must reach the view.
  assert.equal(store.getRevision(), 1)
  text.insert(0, 'a')
  text.insert(1, 'b')
  assert.equal(store.getRevision(), 1, 'nothing moves before the frame')
  run()
  assert.deepEqual([store.getRevision(), told], [2, 2])
  unsubscribe()
  text.insert(2, 'c')
  run()
  assert.deepEqual([store.getRevision(), told], [2, 2])
})

test('two views of one doc are told in the same frame callback and read the same revision', () => {
  const doc = new Y.Doc()
  const { frames, run } = manualFrames()
  const store = docChangeStore(doc, frames)
  const tree = doc.getMap('tree')
  const meta = doc.getMap('meta')
  // What each view reads when it is told, like a render between two notifications would.
  const seen: string[] = []
  const read = (view: string) => () =>
    seen.push(`${view}@${store.getRevision()}: ${tree.size} files, template ${meta.get('t')}`)
  store.subscribe(read('tree'))
  store.subscribe(read('meta'))
  run()
  seen.length = 0
  doc.transact(() => {
    tree.set('a', 1)
    meta.set('t', 'react')
  })
  run()
  // One frame callback told both, at one revision: no render can pair new files with old meta.
  assert.deepEqual(seen, ['tree@2: 1 files, template react', 'meta@2: 1 files, template react'])
})
