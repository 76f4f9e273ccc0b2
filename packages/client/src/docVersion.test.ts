import assert from 'node:assert/strict'
import { test } from 'node:test'
import * as Y from 'yjs'
import { type FrameScheduler, watchDocVersion } from './docVersion.ts'

/** Frames that run when the test says so. */
function manualFrames() {
  const queued = new Map<number, () => void>()
  let next = 1
  const frames: FrameScheduler = {
    request: (callback) => {
      queued.set(next, callback)
      return next++
    },
    cancel: (handle) => {
      queued.delete(handle)
    },
  }
  const run = () => {
    const callbacks = [...queued.values()]
    queued.clear()
    for (const callback of callbacks) callback()
  }
  return { frames, run }
}

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
