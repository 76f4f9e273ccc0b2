/**
 * What a loaded document received that nobody stored, so that its unload writes exactly that
 * instead of comparing the whole document with the stored state (decision 0202).
 *
 * A document's memory holds what its load read (the latest snapshot, the log rows after it, the
 * Redis journals, this node's queue: all stored, and stored state only grows: compaction folds
 * rows into a later snapshot, retention drops only what a later snapshot holds), plus changes
 * since the load:
 * - from this node's clients and server-side edits: queued by Persistence.onChange, so in the
 *   update log or this node's queue (and journaled);
 * - from a peer's publish that the peer journaled before publishing (RedisFanout marks those
 *   frames): in the peer's journal until it commits them, then in the log;
 * - anything else from Redis: a peer's publish whose journal append failed, a peer running a
 *   version that does not mark its frames, a state-vector answer from a peer's memory (a load's
 *   sync, a repair after an outage or a gap). That content may exist only in a peer's memory.
 * Only the last kind is unvouched. Yjs reports what each transaction added (its `update` event:
 * new structs and new deletions only), so the unvouched content is kept as those differences
 * and written as one row at unload. Two cases fall back to comparing the whole document with
 * the stored state, as every unload did before (decision 0180): an unvouched frame that left
 * content Yjs holds back (integrated later, it would be reported under another frame), and
 * differences past `maxBytes` (kept in memory until the unload).
 *
 * The fan-out reports each incoming frame before Hocuspocus's Redis extension applies it
 * (`frameArriving`) and once it has (`frameDone`); the extension applies synchronously in
 * between. A Redis change outside that window counts as unvouched.
 */
import * as Y from 'yjs'
import { hasUnintegrable } from '../libraryInternals/yjs.ts'
import { isFromRedis } from '../transactionOrigins.ts'

/** Differences merged into one once this many are kept (Y.mergeUpdates is O(k²) in k). */
const MERGE_EVERY = 64

/** What an unloading document needs: nothing, its unvouched differences written, or a comparison. */
export type UnloadNeed =
  | { kind: 'nothing' }
  | { kind: 'write'; update: Uint8Array }
  | { kind: 'compare' }

interface Received {
  differences: Uint8Array[]
  bytes: number
  compare: boolean
}

export class ContentProvenance {
  private readonly received = new WeakMap<Y.Doc, Received>()
  /** The frame being applied now: true when the publisher journaled it, null outside a frame. */
  private frame: boolean | null = null
  private readonly maxBytes: number

  /** `maxBytes`: unvouched differences kept per document before falling back to a comparison. */
  constructor(maxBytes: number) {
    this.maxBytes = maxBytes
  }

  /** Called when a document starts loading: from here on its changes from Redis are watched. */
  track(document: Y.Doc): void {
    if (this.received.has(document)) return
    const received: Received = { differences: [], bytes: 0, compare: false }
    this.received.set(document, received)
    document.on('update', (update: Uint8Array, origin: unknown) => {
      if (!isFromRedis(origin) || this.frame === true || received.compare) return
      received.differences.push(update)
      received.bytes += update.byteLength
      if (received.bytes > this.maxBytes) this.fallBack(received)
      else if (received.differences.length >= MERGE_EVERY)
        received.differences = [Y.mergeUpdates(received.differences)]
    })
    document.on('afterTransaction', (transaction: Y.Transaction) => {
      if (isFromRedis(transaction.origin) && this.frame !== true && hasUnintegrable(document))
        this.fallBack(received)
    })
  }

  /** A frame from Redis is about to be applied; `journaled` when its publisher vouched for it. */
  frameArriving(journaled: boolean): void {
    this.frame = journaled
  }

  /** The frame announced last has been applied. */
  frameDone(): void {
    this.frame = null
  }

  /** What the unload of `document` must do so the store holds all of it. */
  unloadNeed(document: Y.Doc): UnloadNeed {
    const received = this.received.get(document)
    if (!received || received.compare) return { kind: 'compare' }
    if (received.differences.length === 0) return { kind: 'nothing' }
    return { kind: 'write', update: Y.mergeUpdates(received.differences) }
  }

  private fallBack(received: Received) {
    received.compare = true
    received.differences = []
    received.bytes = 0
  }
}
