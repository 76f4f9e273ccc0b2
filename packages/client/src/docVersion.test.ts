import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { watchDocVersion } from './docVersion.ts'
import { manualFrames } from './manualFrames.ts'

test('a change made between reading the doc and subscribing still reaches the view', () => {
  const doc = new Y.Doc()
  const { frames, run } = manualFrames()
  // The view rendered the empty doc; the server's sync lands before it subscribes.
  const seen: string[] = []
  doc.getText('t').insert(0, 'from the server')
  watchDocVersion(doc, () => seen.push(doc.getText('t').toString()), frames)
  run()
  assert.deepEqual(seen, ['from the server'])
})

test('a burst of transactions costs one notification per frame; none after unsubscribing', () => {
  const doc = new Y.Doc()
  const { frames, run } = manualFrames()
  let calls = 0
  const stop = watchDocVersion(doc, () => calls++, frames)
  run()
  for (let i = 0; i < 50; i++) doc.getText('t').insert(0, 'x')
  run()
  assert.equal(calls, 2)
  doc.getText('t').insert(0, 'y')
  stop()
  run()
  assert.equal(calls, 2)
})
