import assert from 'node:assert/strict'
import { test } from 'node:test'
import { CanvasModel } from '@weft/canvas-model'
import * as Y from 'yjs'
import { type DragState, overlayDrags, previewOf, readDrag, writeRelease } from './liveDrag.ts'

/**
 * Two users' canvases as their screens draw them: each document's shapes with the other user's
 * drag state (as it arrived through awareness) drawn over them. The interleavings are the ones
 * two nodes produce: a drag state and the document write it previews travel apart.
 */
function twoBoards() {
  const ada = new CanvasModel(new Y.Doc())
  const bob = new CanvasModel(new Y.Doc())
  const id = ada.add({ type: 'rect', x: 100, y: 100, w: 100, h: 100 })
  sync(ada, bob)
  /** What `viewer` shows of the shape while `peer`'s drag state is the last one it got. */
  const shown = (viewer: CanvasModel, peer: DragState | null) => {
    const held = (client: number) => Y.getState(viewer.doc.store, client)
    // Through JSON and readDrag, as an awareness state arrives from another browser.
    const drag = previewOf(readDrag(JSON.parse(JSON.stringify(peer))), held)
    const s = overlayDrags(viewer.list(), [drag]).find((shape) => shape.id === id)
    return { x: s?.x, y: s?.y }
  }
  const inDoc = (m: CanvasModel) => ({ x: m.get(id)?.x, y: m.get(id)?.y })
  return { ada, bob, id, shown, inDoc }
}

/** Brings both documents to the same state (what the nodes' fan-out eventually does). */
function sync(a: CanvasModel, b: CanvasModel) {
  const toB = Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc))
  const toA = Y.encodeStateAsUpdate(b.doc, Y.encodeStateVector(a.doc))
  Y.applyUpdate(b.doc, toB)
  Y.applyUpdate(a.doc, toA)
}

test('concurrent releases of one shape: both screens show what the documents hold', () => {
  const { ada, bob, id, shown, inDoc } = twoBoards()
  // Both release at once, each writing where they dragged to and publishing that.
  const adaState = writeRelease(ada, { [id]: { x: 100, y: 400 } })
  const bobState = writeRelease(bob, { [id]: { x: 300, y: 300 } })
  // The drag states arrive first: each still sees the other's released preview (no jump back
  // to where the document had the shape before the other's write arrives).
  assert.deepEqual(shown(ada, bobState), { x: 300, y: 300 })
  assert.deepEqual(shown(bob, adaState), { x: 100, y: 400 })
  // The writes arrive: the documents agree on one of them, and while both drag states are still
  // published (their owners clear them only later), each screen shows exactly that.
  sync(ada, bob)
  assert.deepEqual(inDoc(ada), inDoc(bob))
  const winner = inDoc(ada)
  assert.ok(
    [JSON.stringify({ x: 100, y: 400 }), JSON.stringify({ x: 300, y: 300 })].includes(
      JSON.stringify(winner),
    ),
  )
  assert.deepEqual(shown(ada, bobState), winner)
  assert.deepEqual(shown(bob, adaState), winner)
})

test('a released drag whose write arrived first is never drawn', () => {
  const { ada, bob, id, shown, inDoc } = twoBoards()
  const adaState = writeRelease(ada, { [id]: { x: 150, y: 120 } })
  sync(ada, bob)
  // Bob moves it afterwards; Ada's release state, arriving late, must not hide his write.
  writeRelease(bob, { [id]: { x: 500, y: 500 } })
  sync(ada, bob)
  assert.deepEqual(inDoc(bob), { x: 500, y: 500 })
  assert.deepEqual(shown(bob, adaState), { x: 500, y: 500 })
})

test('a drag in progress is drawn over the document; a release that wrote nothing ends it', () => {
  const { ada, bob, id, shown } = twoBoards()
  const dragging: DragState = { boxes: { [id]: { x: 130, y: 170 } } }
  assert.deepEqual(shown(bob, dragging), { x: 130, y: 170 })
  // Released where the shape already was: no new write, nothing left to wait for.
  const released = writeRelease(ada, { [id]: { x: 100, y: 100 } })
  assert.deepEqual(shown(bob, released), { x: 100, y: 100 })
  assert.deepEqual(shown(bob, null), { x: 100, y: 100 })
})
