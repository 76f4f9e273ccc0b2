/**
 * The REST API's way into documents: through this node's Hocuspocus document, exactly as a
 * connected client's edit would arrive. An update applied here is one change of the live
 * document, so the node's own hooks do the rest: Persistence logs it once under the API caller
 * (a "local" transaction origin carrying the caller as its context), RedisFanout publishes it to
 * every other node, and Hocuspocus broadcasts it to this node's clients. Loading a document that
 * is not in memory goes through the same load (snapshot + log + journals + peers).
 *
 * A direct connection skips the socket hooks (`beforeHandleMessage`), so the checks a client's
 * frame passes there run here too (`check`: a Canvas write's shapes): an update or a restore is
 * first computed, checked, and applied only when nothing is wrong (decision 0171).
 */
import type { Document, Hocuspocus } from '@hocuspocus/server'
import {
  DOCUMENT_META_ROOT,
  DOCUMENT_RESTORES_KEY,
  DOCUMENT_TITLE_KEY,
  type RestoreRecord,
} from '@weft/protocol'
import * as Y from 'yjs'
import type { ConnectionUser } from '../context.ts'
import type { NodePersistence } from '../persistence/NodePersistence.ts'
import { ApiError } from './apiResponse.ts'
import { restoreUpdate } from './restoreUpdate.ts'

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>

export interface LiveDocumentsOptions {
  hocuspocus: Hocuspocus
  writer: Pick<NodePersistence, 'flush'>
  /** True while the node holds its limit of unsaved updates (UnsavedLimit): writes are refused. */
  unsavedLimitReached: () => boolean
  /** How long a write waits for its log row before answering 202 instead of 200. */
  storeWaitMs?: number
  /** The socket's content check (CanvasWrites): a problem refuses the write with 422. */
  check?: WriteCheck
}

export interface WriteCheck {
  /** What is wrong with `update` for the live `document`, in words (null: nothing). */
  problemIn(documentName: string, document: Y.Doc, update: Uint8Array): Promise<string | null>
}

export interface WriteResult {
  /** False when nothing changed (the update was already in the document). */
  changed: boolean
  /** True once the change is in Postgres; false when it is still queued (database away). */
  stored: boolean
}

export class LiveDocuments {
  private readonly options: LiveDocumentsOptions

  constructor(options: LiveDocumentsOptions) {
    this.options = options
  }

  /** The live document's full state as one V1 update. */
  async state(documentName: string, user: ConnectionUser): Promise<Uint8Array> {
    return this.with(documentName, user, (connection) =>
      Y.encodeStateAsUpdate(connection.document as Y.Doc),
    )
  }

  /** True when this node holds the document in memory now. */
  isLoaded(documentName: string): boolean {
    return this.options.hocuspocus.documents.has(documentName)
  }

  /**
   * Runs `read` on the live document (loading it when it is not in memory) and leaves it loaded,
   * so a client connecting right after finds it warm. `read` must not change the document.
   */
  async read<T>(documentName: string, user: ConnectionUser, read: (doc: Y.Doc) => T): Promise<T> {
    return this.with(documentName, user, (connection) => read(connection.document as Y.Doc))
  }

  async applyUpdate(
    documentName: string,
    update: Uint8Array,
    user: ConnectionUser,
  ): Promise<WriteResult> {
    return this.write(documentName, user, () => update)
  }

  /** Puts the title into the document's shared metadata, so everyone connected sees it live. */
  async setTitle(
    documentName: string,
    title: string | null,
    user: ConnectionUser,
  ): Promise<WriteResult> {
    // The rename's answer is about Postgres' row, already written: no wait for the log row.
    return this.write(
      documentName,
      user,
      null,
      (doc) => {
        doc.getMap(DOCUMENT_META_ROOT).set(DOCUMENT_TITLE_KEY, title)
      },
      false,
    )
  }

  /**
   * Brings the content back to `target` (a full state) as a new forward change. With `record`,
   * the same transaction notes the restore in the document's shared metadata, so the history
   * can name the entry it makes.
   */
  async restore(
    documentName: string,
    target: Uint8Array,
    user: ConnectionUser,
    record?: Pick<RestoreRecord, 'version' | 'versionAt'>,
  ): Promise<WriteResult> {
    // The restoring change is checked like any update: a version written before a check existed
    // may hold what the check refuses today.
    const change = (doc: Y.Doc) => restoreUpdate(doc, target)
    return this.write(documentName, user, change, (doc) => {
      if (!record) return
      const meta = doc.getMap<unknown>(DOCUMENT_META_ROOT)
      let restores = meta.get(DOCUMENT_RESTORES_KEY)
      if (!(restores instanceof Y.Array)) {
        restores = new Y.Array<RestoreRecord>()
        meta.set(DOCUMENT_RESTORES_KEY, restores)
      }
      ;(restores as Y.Array<RestoreRecord>).push([
        { at: Date.now(), userId: user.id, userName: user.name, ...record },
      ])
    })
  }

  /**
   * One write: the caller's update (`update`, computed from the live document, checked before
   * anything is applied) and then the server's own edit (`also`), in one transaction.
   */
  private async write(
    documentName: string,
    user: ConnectionUser,
    update: ((doc: Y.Doc) => Uint8Array) | null,
    also: ((doc: Y.Doc) => void) | null = null,
    waitForStore = true,
  ): Promise<WriteResult> {
    if (this.options.unsavedLimitReached()) {
      throw new ApiError(
        503,
        'edits refused: this node holds its limit of unsaved updates until the database is back',
        { 'Retry-After': '10' },
      )
    }
    let changed = false
    await this.with(documentName, user, async (connection) => {
      const doc = connection.document as Y.Doc
      const change = update?.(doc)
      const { check } = this.options
      if (change && check) {
        const problem = await check.problemIn(documentName, doc, change)
        if (problem) throw new ApiError(422, problem)
      }
      // Yjs emits 'update' when the transaction ends, only if the change added anything.
      const onUpdate = () => {
        changed = true
      }
      doc.on('update', onUpdate)
      try {
        await connection.transact((document: Document) => {
          if (change) Y.applyUpdate(document, change)
          also?.(document)
        })
      } finally {
        doc.off('update', onUpdate)
      }
    })
    if (!changed) return { changed, stored: true }
    if (!waitForStore) return { changed, stored: false }
    // Hocuspocus runs the onChange hooks (Persistence enqueues the row) after the transaction,
    // on later ticks of the event loop.
    await new Promise((resolve) => setImmediate(resolve))
    const stored = await Promise.race([
      this.options.writer.flush().then(() => true),
      new Promise<boolean>((resolve) =>
        setTimeout(() => resolve(false), this.options.storeWaitMs ?? 10_000).unref(),
      ),
    ])
    return { changed, stored }
  }

  private async with<T>(
    documentName: string,
    user: ConnectionUser,
    work: (connection: DirectConnection) => T | Promise<T>,
  ): Promise<T> {
    let connection: DirectConnection
    try {
      connection = await this.options.hocuspocus.openDirectConnection(documentName, { user })
    } catch {
      throw new ApiError(503, 'the document cannot be loaded right now (storage unavailable)', {
        'Retry-After': '5',
      })
    }
    try {
      return await work(connection)
    } finally {
      // Kept warm: the next request or a client reuses it; Hocuspocus unloads it after its
      // debounced store when nobody else holds it.
      await connection.disconnect({ unloadImmediately: false })
    }
  }
}
