/**
 * What a document in memory holds that a stored state lacks: the structs beyond the stored
 * state vector and the deletions the stored state has not applied. Null when the store has it
 * all. An unloading node writes this difference before it lets the document go, so content
 * that reached it some other way than its own clients (a peer's fan-out, a repair sync) is
 * never dropped with the memory that held it.
 *
 * The stored state is folded in slices with a turn of the event loop between them: a document
 * a fast writer just left has its whole uncompacted log to fold (137k rows after the trace),
 * seconds of Yjs work that, done in one go, stopped the node delivering every other document
 * meanwhile (issue 17, docs/decisions/0180-unload-check-yields-to-delivery.md).
 */
import { setImmediate as nextTurn } from 'node:timers/promises'
import { applyState, type StoredSnapshot } from '@weft/db'
import * as Y from 'yjs'

/** Stored updates folded per turn (a few milliseconds of Yjs work each). */
export const FOLD_SLICE = 2_000

export async function contentMissingFromStore(
  document: Y.Doc,
  snapshot: StoredSnapshot | null,
  updates: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  const stored = new Y.Doc()
  try {
    applyState(stored, snapshot, [])
    for (let start = 0; start < updates.length; start += FOLD_SLICE) {
      await nextTurn()
      applyState(stored, null, updates.slice(start, start + FOLD_SLICE))
    }
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
