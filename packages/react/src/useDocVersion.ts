import type * as Y from 'yjs'
import { useDocSelector } from './useDocSelector.ts'

// The revision itself, for memoised children that re-read the document when it moves.
let revisions = 0
const nextRevision = () => {
  revisions += 1
  return revisions
}

/**
 * A number that changes after each transaction on the doc, batched to one re-render per
 * animation frame so a burst of remote updates (a pasted block, a reconnect) costs one render,
 * not hundreds; it also changes once on subscribing (see watchDocVersion). Prefer
 * useDocSelector for values read from the doc; this is for memoised children that read the doc
 * themselves while rendering (grid rows).
 */
export function useDocVersion(doc: Y.Doc | null): number {
  return useDocSelector(doc, nextRevision)
}
