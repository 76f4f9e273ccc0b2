import type * as Y from 'yjs'
import { type FrameScheduler, watchDocVersion } from './docVersion.ts'

/**
 * A Yjs document as an external store (React's `useSyncExternalStore` contract): `subscribe`
 * hears about transactions at most once per frame (see watchDocVersion, including its call right
 * after subscribing), and `getRevision` changes exactly when a subscriber was told. Views select
 * what they read from the document when the revision moves, instead of carrying a counter.
 */
export type DocChangeStore = {
  subscribe: (onChange: () => void) => () => void
  getRevision: () => number
}

export function docChangeStore(doc: Y.Doc, frames?: FrameScheduler): DocChangeStore {
  let revision = 0
  return {
    subscribe: (onChange) =>
      watchDocVersion(
        doc,
        () => {
          revision += 1
          onChange()
        },
        frames,
      ),
    getRevision: () => revision,
  }
}
