import assert from 'node:assert/strict'
import { test } from 'node:test'
import { isDrawnMessage, READY_SIGNAL, withReadySignal } from './previewReady.ts'

/** Runs READY_SIGNAL against a stand-in window whose load and animation frames the test drives. */
function pageWithSignal() {
  const listeners = new Map<string, () => void>()
  let frames: (() => void)[] = []
  const posted: unknown[] = []
  const window = { addEventListener: (type: string, fn: () => void) => listeners.set(type, fn) }
  const requestAnimationFrame = (fn: () => void) => frames.push(fn)
  const parent = { postMessage: (data: unknown) => posted.push(data) }
  new Function('window', 'requestAnimationFrame', 'parent', READY_SIGNAL)(
    window,
    requestAnimationFrame,
    parent,
  )
  return {
    posted,
    load: () => listeners.get('load')?.(),
    frame: () => {
      const due = frames
      frames = []
      for (const fn of due) fn()
    },
  }
}

test('the page says it is drawn only after it loaded and two frames passed', () => {
  const page = pageWithSignal()
  page.frame()
  assert.deepEqual(page.posted, [], 'frames before load (its modules not run yet) do not count')
  page.load()
  assert.deepEqual(page.posted, [])
  page.frame()
  assert.deepEqual(page.posted, [], 'one frame: the one with the page may not be drawn yet')
  page.frame()
  assert.equal(page.posted.length, 1)
  assert.ok(isDrawnMessage(page.posted[0]))
})

test('only the drawn message counts', () => {
  assert.ok(isDrawnMessage({ weftPreview: 1, drawn: 1 }))
  assert.ok(!isDrawnMessage({ weftPreview: 1, level: 'log', text: 'drawn' }))
  assert.ok(!isDrawnMessage({ drawn: 1 }))
  assert.ok(!isDrawnMessage('drawn'))
  assert.ok(!isDrawnMessage(null))
})

test("the signal goes first in the head, before the project's scripts", () => {
  const page = withReadySignal(
    '<html><head><script src="a.js"></script></head><body></body></html>',
  )
  assert.ok(page.startsWith('<html><head><script>(function'), page)
  assert.ok(page.indexOf('drawn: 1') < page.indexOf('a.js'))
  assert.ok(withReadySignal('<p>no head</p>').startsWith('<script>'))
})
