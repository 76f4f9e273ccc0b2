/**
 * Bounds what a node holds unsaved (its memory queue, mirrored in its Redis journal) while
 * Postgres is away. Over `UNSAVED_MAX_UPDATES` or `UNSAVED_MAX_BYTES`, an incoming edit is
 * refused before it is applied: the socket closes with 1013 (try again later) and a reason that
 * says why, the refusal is counted, and the edit stays in the client, which re-sends it once it
 * reconnects to a node that can take it. Nothing already accepted is dropped.
 */
import { type beforeHandleMessagePayload, type Extension, MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import { CloseCodes, ConnectionRefused, REFUSAL_REASONS } from '../refusals.ts'

export interface UnsavedLimitOptions {
  /** What the node holds and Postgres does not have yet (NodePersistence). */
  unsaved: { readonly pendingCount: number; readonly pendingBytes: number }
  maxUpdates: number
  maxBytes: number
  metrics: Metrics
  logger: Logger
}

/** True when a frame carries a Yjs update with any content (a sync step 2 or an update). */
function carriesEdit(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame)
    decoding.readVarString(decoder)
    const type = decoding.readVarUint(decoder)
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return false
    const step = decoding.readVarUint(decoder)
    if (step !== messageYjsSyncStep2 && step !== messageYjsUpdate) return false
    const { structs, ds } = Y.decodeUpdate(decoding.readVarUint8Array(decoder))
    return structs.length > 0 || ds.clients.size > 0
  } catch {
    return false // FrameGuard refuses undecodable frames
  }
}

export class UnsavedLimit implements Extension {
  extensionName = 'UnsavedLimit'
  private readonly options: UnsavedLimitOptions
  private lastWarning = 0

  constructor(options: UnsavedLimitOptions) {
    this.options = options
    // Read at scrape time, so the gauge is true between edits too.
    options.metrics.read(options.metrics.unsavedLimitReached, () => (this.reached ? 1 : 0))
  }

  get reached(): boolean {
    const { unsaved, maxUpdates, maxBytes } = this.options
    return unsaved.pendingCount >= maxUpdates || unsaved.pendingBytes >= maxBytes
  }

  async beforeHandleMessage({ update, context, documentName }: beforeHandleMessagePayload) {
    if (!this.reached || !carriesEdit(update)) return
    this.options.metrics.editsRefused.inc()
    if (Date.now() - this.lastWarning > 10_000) {
      this.lastWarning = Date.now()
      this.options.logger.error(
        {
          documentName,
          unsavedUpdates: this.options.unsaved.pendingCount,
          unsavedBytes: this.options.unsaved.pendingBytes,
        },
        'refusing edits: unsaved updates at their limit (UNSAVED_MAX_UPDATES / UNSAVED_MAX_BYTES)',
      )
    }
    const { tryAgainLater } = CloseCodes
    ;(context as ConnectionContext).transport?.close(tryAgainLater, REFUSAL_REASONS.unsavedLimit)
    throw new ConnectionRefused(tryAgainLater, REFUSAL_REASONS.unsavedLimit)
  }
}
