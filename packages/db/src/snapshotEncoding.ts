import * as Y from 'yjs'

/**
 * Snapshots are stored in Yjs's V2 update encoding, about half the size of V1 for text-heavy
 * documents (docs/benchmarks.md: 160 KB instead of 311 KB for the automerge-paper trace). Rows
 * written before migration 0003 are V1; `encoding` says which.
 */
export const SNAPSHOT_ENCODING = 2

export function encodeSnapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdateV2(doc)
}

/** A stored snapshot as a V1 update (the format the update log and Hocuspocus use). */
export function snapshotAsV1(state: Uint8Array, encoding: number): Uint8Array {
  return encoding === 2 ? Y.convertUpdateFormatV2ToV1(state) : state
}

export function applySnapshot(doc: Y.Doc, state: Uint8Array, encoding: number): void {
  if (encoding === 2) Y.applyUpdateV2(doc, state)
  else Y.applyUpdate(doc, state)
}

/**
 * Folds a snapshot and updates into one V1 update by applying them to a document. Linear in
 * their size, unlike Y.mergeUpdates, which is O(k²) in the number of updates — a document that
 * piled up thousands of log rows during an outage must still load quickly.
 */
export function foldState(
  snapshot: { state: Uint8Array; encoding: number } | null,
  updates: Uint8Array[],
): Uint8Array {
  const doc = new Y.Doc()
  doc.transact(() => {
    if (snapshot) applySnapshot(doc, snapshot.state, snapshot.encoding)
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
