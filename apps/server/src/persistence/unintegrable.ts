/**
 * What a document holds that it cannot integrate: structs waiting for a missing dependency
 * (the first missing clock of each client) and deletions of content it does not have.
 */
import * as Y from 'yjs'
import { pendingOf } from '../libraryInternals/yjs.ts'

export interface Unintegrable {
  /** Per client: the clocks this document lacks (from its state up to the one depended on, inclusive). */
  missing: { client: number; fromClock: number; toClock: number }[]
  /** Deletions waiting for content this document lacks. */
  pendingDeletes: boolean
}

export function unintegrableOf(doc: Y.Doc): Unintegrable | null {
  const pending = pendingOf(doc)
  if (!pending) return null
  const missing = [...pending.missing].map(([client, clock]) => ({
    client,
    fromClock: Y.getState(doc.store, client),
    toClock: clock,
  }))
  return { missing, pendingDeletes: pending.deletes }
}
