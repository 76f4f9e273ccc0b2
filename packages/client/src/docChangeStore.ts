import type * as Y from 'yjs'
import { animationFrames, type FrameScheduler } from './docVersion.ts'

/**
 * A Yjs document as an external store (React's `useSyncExternalStore` contract): subscribers
 * hear about transactions at most once per frame, and once right after subscribing (what landed
 * between a view's render and its subscription must still reach it: see watchDocVersion), and
 * `getRevision` changes exactly when subscribers are told. Views select what they read from the
 * document when the revision moves, instead of carrying a counter.
 */
export type DocChangeStore = {
  subscribe: (onChange: () => void) => () => void
  getRevision: () => number
}

/**
 * One revision and one frame callback for all subscribers: every view of the doc is told in the
 * same callback, so React renders them together, and a view never reads a newer revision than
 * another view of the same doc in the same render.
 */
export function docChangeStore(
  doc: Y.Doc,
  frames: FrameScheduler = animationFrames,
): DocChangeStore {
  let revision = 0
  let frame = 0
  const listeners = new Set<() => void>()
  const fire = () => {
    frame = 0
    revision += 1
    for (const listener of [...listeners]) listener()
  }
  const bump = () => {
    if (!frame) frame = frames.request(fire)
  }
  return {
    subscribe: (onChange) => {
      listeners.add(onChange)
      if (listeners.size === 1) doc.on('afterTransaction', bump)
      bump()
      return () => {
        listeners.delete(onChange)
        if (listeners.size > 0) return
        doc.off('afterTransaction', bump)
        if (frame) frames.cancel(frame)
        frame = 0
      }
    },
    getRevision: () => revision,
  }
}

const shared = new WeakMap<Y.Doc, DocChangeStore>()

/**
 * The one store of a doc that every view shares. Separate stores per view each told their view
 * in their own frame callback, and React rendered in between: the Code app then saw a project's
 * files before its template (two selectors, two revisions) and opened `.gitignore` first.
 */
export function sharedDocChangeStore(doc: Y.Doc): DocChangeStore {
  let store = shared.get(doc)
  if (!store) {
    store = docChangeStore(doc)
    shared.set(doc, store)
  }
  return store
}
