/**
 * What a document in memory holds that a stored state lacks: the structs beyond the stored
 * state vector and the deletions the stored state has not applied. Null when the store has it
 * all. An unloading node writes this difference before it lets the document go, so content
 * that reached it some other way than its own clients (a peer's fan-out, a repair sync) is
 * never dropped with the memory that held it.
 */
import { applyState, type StoredSnapshot } from '@weft/db'
import * as Y from 'yjs'

export function contentMissingFromStore(
  document: Y.Doc,
  snapshot: StoredSnapshot | null,
  updates: readonly Uint8Array[],
): Uint8Array | null {
  const stored = new Y.Doc()
  try {
    applyState(stored, snapshot, updates)
    const difference = Y.encodeStateAsUpdate(document, Y.encodeStateVector(stored))
    let changed = false
    stored.on('update', () => {
      changed = true
    })
    Y.applyUpdate(stored, difference)
    return changed ? difference : null
  } finally {
    stored.destroy()
  }
}
