import * as Y from 'yjs'

/**
 * Snapshots are stored in Yjs's V2 update encoding, about half the size of V1 for text-heavy
 * documents (docs/benchmarks.md: 160 KB instead of 311 KB for the automerge-paper trace). Rows
 * written before migration 0003 are V1; `encoding` says which.
 */
export const SNAPSHOT_ENCODING = 2

/**
 * From this V2 size on a snapshot is stored in V1, the form a first sync sends (decision 0186):
 * a load sends it to its first client as read, where a V2 snapshot would first be converted
 * (about a third of a parse, on the client's critical path), for 1.5× the bytes. The same size
 * from which a load sends the snapshot ahead (decision 0166), so below it nothing changes.
 */
export const V1_SNAPSHOT_MIN_BYTES = 1024 * 1024

/** A document's state in the form it is stored (see V1_SNAPSHOT_MIN_BYTES). */
export function encodeSnapshot(doc: Y.Doc): StoredSnapshot {
  const v2 = Y.encodeStateAsUpdateV2(doc)
  return v2.byteLength >= V1_SNAPSHOT_MIN_BYTES
    ? { state: Y.encodeStateAsUpdate(doc), encoding: 1 }
    : { state: v2, encoding: SNAPSHOT_ENCODING }
}

export function applySnapshot(doc: Y.Doc, state: Uint8Array, encoding: number): void {
  if (encoding === 2) Y.applyUpdateV2(doc, state)
  else Y.applyUpdate(doc, state)
}

/** A stored snapshot: its bytes and their encoding (1 or 2). */
export type StoredSnapshot = { state: Uint8Array; encoding: number }

/**
 * Applies a snapshot and then V1 updates to a document in one Yjs transaction: the snapshot is
 * parsed once, and Yjs's per-transaction cleanup runs once rather than per update (2–4× faster
 * for thousands of keystroke rows). Applying, rather than Y.mergeUpdates (O(k²) in the number of
 * updates), also lets Yjs garbage-collect deleted content. Loads, compactions and history bases
 * all fold state this way.
 */
export function applyState(
  doc: Y.Doc,
  snapshot: StoredSnapshot | null,
  updates: readonly Uint8Array[],
  /** Called between the snapshot and the updates (a load reads the snapshot's state vector there). */
  afterSnapshot?: () => void,
): void {
  doc.transact(() => {
    if (snapshot) applySnapshot(doc, snapshot.state, snapshot.encoding)
    afterSnapshot?.()
    for (const update of updates) Y.applyUpdate(doc, update)
  })
}

/** A snapshot's bytes as a V1 update, converted without building a document when stored as V2. */
export function snapshotAsV1(snapshot: StoredSnapshot): Uint8Array {
  return snapshot.encoding === 2 ? Y.convertUpdateFormatV2ToV1(snapshot.state) : snapshot.state
}

/**
 * What a compaction stores: the previous snapshot and the log rows after it folded into one
 * snapshot, in the form `encodeSnapshot` chooses. Pure CPU on bytes, so the server runs it in a
 * worker thread (apps/server/src/persistence/FoldWorker.ts, decision 0196).
 */
export function foldSnapshot(
  previous: StoredSnapshot | null,
  updates: readonly Uint8Array[],
): StoredSnapshot {
  const doc = new Y.Doc()
  applyState(doc, previous, updates)
  const snapshot = encodeSnapshot(doc)
  doc.destroy()
  return snapshot
}

/** How a compaction folds: `foldSnapshot` inline, or the same elsewhere (a worker thread). */
export type SnapshotFold = (
  previous: StoredSnapshot | null,
  updates: Uint8Array[],
) => StoredSnapshot | Promise<StoredSnapshot>

/** A snapshot and updates folded into one V1 update (see applyState). */
export function foldState(snapshot: StoredSnapshot | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  applyState(doc, snapshot, updates)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
