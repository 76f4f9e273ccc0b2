/**
 * What Yjs holds back because it cannot integrate it yet, read from the document's struct store
 * (`store.pendingStructs` / `store.pendingDs`: typed in yjs's declarations but not part of its
 * documented API). One place for it; yjs.test.ts fails when an upgrade changes that shape.
 */
import type * as Y from 'yjs'

export interface Pending {
  /** Per client id, the clock of the first struct a held-back update depends on and lacks. */
  missing: Map<number, number>
  /** Deletions held back because the content they delete is missing. */
  deletes: boolean
}

export function pendingOf(doc: Y.Doc): Pending | null {
  const { pendingStructs, pendingDs } = doc.store
  if (!pendingStructs && !pendingDs) return null
  return { missing: new Map(pendingStructs?.missing ?? []), deletes: pendingDs !== null }
}

export function hasUnintegrable(doc: Y.Doc): boolean {
  return pendingOf(doc) !== null
}
