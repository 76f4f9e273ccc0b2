/**
 * Durability through @hocuspocus/extension-database, backed by Prisma:
 * - every update a client of this node sends is appended to the update log (updates that came
 *   from other nodes through Redis are theirs to log), batched by UpdateLogWriter;
 * - load = latest snapshot + uncompacted log rows + what this node still has queued, applied
 *   straight into the document Hocuspocus loads (one parse of the snapshot; Database's own
 *   `fetch` path would fold it into an update and parse it again);
 * - store (Hocuspocus's debounced save, and the last one before unload) waits for the log to be
 *   flushed; the full document state that Database would encode on every save is never needed;
 * - a document that unloads is handed to the Compactor, which folds its log into a snapshot.
 */
import { Database } from '@hocuspocus/extension-database'
import type {
  afterUnloadDocumentPayload,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import { isTransactionOrigin } from '@hocuspocus/server'
import { applyState, type PrismaClient, readDocumentState, type StoredState } from '@weft/db'
import type { ConnectionContext } from '../context.ts'
import type { Metrics } from '../Metrics.ts'
import type { Compactor } from '../persistence/Compactor.ts'
import type { UpdateLogWriter } from '../persistence/UpdateLogWriter.ts'

export interface PersistenceOptions {
  prisma: PrismaClient
  writer: UpdateLogWriter
  compactor: Compactor
  metrics: Metrics
  onDatabaseStatus: (up: boolean) => void
  /** Told when a connection fails because its document cannot be loaded (the session record keeps it). */
  onLoadRefused?: (refusal: {
    documentName: string
    userId: string | null
    code: number
    reason: string
  }) => void
}

/** Close-code family for "the server cannot serve this now" (WebSocket 1011: internal error). */
const DEPENDENCY_DOWN = 1011

export class Persistence extends Database {
  extensionName = 'Persistence'
  private readonly options: PersistenceOptions

  constructor(options: PersistenceOptions) {
    // Loading and storing are both overridden below: Database's `fetch`/`store` would fold the
    // state into one update (a second parse on load) and encode the whole document on every save.
    super({})
    this.options = options
  }

  override async onLoadDocument({ documentName, document, context }: onLoadDocumentPayload) {
    const stored = await this.loadStored(documentName, context)
    const pending = this.options.writer.pendingFor(documentName)
    applyState(document, stored?.snapshot ?? null, [...(stored?.rows ?? []), ...pending])
  }

  private async loadStored(documentName: string, context: unknown): Promise<StoredState | null> {
    try {
      const stored = await readDocumentState(this.options.prisma, documentName)
      this.options.onDatabaseStatus(true)
      return stored
    } catch (error) {
      this.options.onDatabaseStatus(false)
      this.options.onLoadRefused?.({
        documentName,
        userId: (context as ConnectionContext | undefined)?.user?.id ?? null,
        code: DEPENDENCY_DOWN,
        reason: 'dependency down: the database is unavailable, so the document cannot be loaded',
      })
      throw error
    }
  }

  async onChange({
    transactionOrigin,
    update,
    documentName,
    connection,
  }: onChangePayload): Promise<void> {
    if (isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'redis') return
    // A server-side edit on someone's behalf (a validated tile placement) names them in its origin.
    const onBehalfOf =
      isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'local'
        ? (transactionOrigin.context as ConnectionContext | undefined)?.user
        : undefined
    const user = (connection?.context as ConnectionContext | undefined)?.user ?? onBehalfOf
    this.options.metrics.updatesReceived.inc()
    this.options.writer.enqueue({
      documentName,
      update,
      userId: user?.id ?? null,
      userName: user?.name ?? null,
      receivedAt: new Date(),
    })
  }

  /** Hocuspocus's save (debounced, and the last one before an unload): the log is flushed. */
  override async onStoreDocument(_payload: onStoreDocumentPayload): Promise<void> {
    await this.options.writer.flush()
  }

  /**
   * A document leaving this node is compacted if this node logged rows for it, whether or not a
   * save ran just before (Hocuspocus unloads without one when nothing changed since the last).
   */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.options.compactor.requestIfDirty(documentName)
  }
}
