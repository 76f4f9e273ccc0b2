/**
 * Whether every change a loaded document received is already somewhere durable, so that its
 * unload can skip comparing it with the stored state (decision 0202).
 *
 * A document's memory holds what its load read (the latest snapshot, the log rows after it, the
 * Redis journals, this node's queue: all stored, and stored state only grows: compaction folds
 * rows into a later snapshot, retention drops only what a later snapshot holds), plus changes
 * since the load:
 * - from this node's clients and server-side edits: queued by Persistence.onChange, so in the
 *   update log or this node's queue (journaled too);
 * - from a peer's publish that the peer journaled before publishing (RedisFanout marks those
 *   frames): in the peer's journal until it commits them, then in the log;
 * - anything else from Redis: a peer's publish whose journal append failed, a peer running a
 *   version that does not mark its frames, a state-vector answer from a peer's memory (a load's
 *   sync, a repair after an outage or a gap). That content may exist only in a peer's memory.
 * Only the last kind is unvouched; a document holding any of it is compared in full at unload,
 * as every document was before (decision 0180), and what the store lacks is written first.
 *
 * The fan-out reports each incoming frame before Hocuspocus's Redis extension applies it
 * (`frameArriving`) and once it has (`frameDone`); the extension applies synchronously in
 * between. A Redis change seen outside that window, or while an unvouched frame is applied,
 * marks the document. Only changes mark it: Yjs emits no update for a frame that adds nothing
 * (a sync answer with nothing new), so such a frame costs no comparison.
 */
import type * as Y from 'yjs'
import { isFromRedis } from '../transactionOrigins.ts'

export class ContentProvenance {
  private readonly tracked = new WeakSet<Y.Doc>()
  private readonly unvouched = new WeakSet<Y.Doc>()
  /** The frame being applied now: true when the publisher journaled it, null outside a frame. */
  private frame: boolean | null = null

  /** Called once a document's stored state is applied: from here on its changes are watched. */
  track(document: Y.Doc): void {
    if (this.tracked.has(document)) return
    this.tracked.add(document)
    document.on('update', (_update: Uint8Array, origin: unknown) => {
      if (isFromRedis(origin) && this.frame !== true) this.unvouched.add(document)
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

  /** True when everything this document holds is known to be stored (see above). */
  allStored(document: Y.Doc): boolean {
    return this.tracked.has(document) && !this.unvouched.has(document)
  }
}
