/**
 * Every use of @hocuspocus/server internals, in one place: `Document`'s per-turn broadcast batch
 * (the private `pendingUpdates` / `pendingUpdateBytes`, 4.7.0) and the `handleUpdate` method its
 * constructor binds to the Y.Doc's 'update' event. Hocuspocus remembers a turn's updates but not
 * who sent them, so its `flush` merges every update of the turn and sends the result to every
 * connection, the senders included. `takeOverBroadcast` lets the node decide who receives what
 * (fanout/broadcastToOthers.ts, docs/decisions/0160). hocuspocusServer.test.ts fails when an
 * upgrade changes these members.
 */
import { Document } from '@hocuspocus/server'

interface DocumentInternals {
  pendingUpdates: Uint8Array[]
  pendingUpdateBytes: number
  flushDelay: number | false
  handleUpdate(update: Uint8Array, origin: unknown): unknown
  flush(): unknown
}

/** Sends one turn's updates; `origins[i]` is the Yjs transaction origin of `updates[i]`. */
export type TurnBroadcast = (document: Document, updates: Uint8Array[], origins: unknown[]) => void

/** Per document, the transaction origin of each update in `pendingUpdates`, in the same order. */
const ORIGINS = Symbol('weft.pendingOrigins')
/** Set on the documents whose broadcast the node took over. */
const TAKEN = Symbol('weft.broadcastTaken')

type Patched = DocumentInternals & { [ORIGINS]?: unknown[]; [TAKEN]?: TurnBroadcast }

/**
 * Wraps `Document.prototype.handleUpdate` (records each update's origin beside Hocuspocus's own
 * batch) and `flush` (hands a taken-over document's batch to its TurnBroadcast instead of merging
 * it for everyone). Documents not taken over keep the stock behaviour. Done once, when this
 * module is first imported (before any document exists, and so that the bench's flush
 * instrument, which imports it first, wraps the patched flush).
 */
function patchDocument(): void {
  const prototype = Document.prototype as unknown as Patched
  const handleUpdate = prototype.handleUpdate
  const flush = prototype.flush
  prototype.handleUpdate = function (this: Patched, update, origin) {
    // With flushDelay false Hocuspocus sends at once and keeps no batch (a destroyed document).
    if (this[TAKEN] && this.flushDelay !== false) {
      this[ORIGINS] ??= []
      this[ORIGINS].push(origin)
    }
    return handleUpdate.call(this, update, origin)
  }
  prototype.flush = function (this: Patched) {
    const broadcast = this[TAKEN]
    const updates = this.pendingUpdates
    if (!broadcast || updates.length === 0) return flush.call(this)
    const recorded = this[ORIGINS] ?? []
    this[ORIGINS] = []
    // Updates batched before the take-over have no recorded origin (nobody is left out of them);
    // should the two lists ever disagree otherwise, every update goes to everyone.
    const unknown = updates.length - recorded.length
    const origins =
      unknown === 0
        ? recorded
        : unknown > 0
          ? [...new Array<unknown>(unknown).fill(undefined), ...recorded]
          : updates.map(() => undefined)
    this.pendingUpdates = []
    this.pendingUpdateBytes = 0
    try {
      broadcast(this as unknown as Document, updates, origins)
    } finally {
      // What is left of the stock flush: the pending timer and the awareness batch.
      flush.call(this)
    }
    return this
  }
}

patchDocument()

/** From now on, `document`'s batched updates are sent by `broadcast`. */
export function takeOverBroadcast(document: Document, broadcast: TurnBroadcast): void {
  const internals = document as unknown as Patched
  // Anything batched so far has no recorded origin; it goes to everyone at the next flush.
  internals[ORIGINS] = []
  internals[TAKEN] = broadcast
}
