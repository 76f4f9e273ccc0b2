/**
 * Durability through @hocuspocus/extension-database, backed by Prisma:
 * - every update a client of this node sends is appended to the update log (updates that came
 *   from other nodes through Redis are theirs to log), batched by UpdateLogWriter;
 * - load = latest snapshot + uncompacted log rows + what this node still has queued, applied
 *   straight into the document Hocuspocus loads (one parse of the snapshot; Database's own
 *   `fetch` path would fold it into an update and parse it again);
 * - store (Hocuspocus's debounced save, and the last one before unload) waits for the log to be
 *   flushed; the full document state that Database would encode on every save is never needed;
 * - load also reads what any node's Redis journal still holds for the document (a dead node's
 *   updates not yet replayed), and a load left with updates it cannot integrate is an alarm
 *   (IntegrityWatch);
 * - a document unloads only once the stored state has everything it holds: what it received
 *   that nobody stored or journaled is kept as it arrives and written as a row at unload
 *   (ContentProvenance, decision 0202); when that record is incomplete, by comparing it with
 *   the stored state (what is missing is written as a row first);
 * - a document that unloads is handed to the Compactor, which folds its log into a snapshot.
 * Both stock hooks are overridden, each for a measured reason: load (0063), store (0064).
 */
import { Database } from '@hocuspocus/extension-database'
import type {
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  onChangePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server'
import {
  applyState,
  type PrismaClient,
  readDocumentState,
  type SqlExecutor,
  type StoredState,
  snapshotAsV1,
  V1_SNAPSHOT_MIN_BYTES,
} from '@weft/db'
import * as Y from 'yjs'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import { CloseCodes, REFUSAL_REASONS } from '../refusals.ts'
import { isFromRedis } from '../transactionOrigins.ts'
import type { Compactor } from './Compactor.ts'
import type { ContentProvenance } from './ContentProvenance.ts'
import type { IntegrityWatch } from './IntegrityWatch.ts'
import type { JournalRecovery } from './journal/JournalRecovery.ts'
import type { UpdateLogWriter } from './UpdateLogWriter.ts'
import { contentMissingFromStore } from './unsavedContent.ts'

export interface PersistenceOptions {
  prisma: PrismaClient
  /** Reads snapshots without Prisma's byte conversions (decision 0186). */
  sql?: SqlExecutor
  writer: UpdateLogWriter
  compactor: Compactor
  metrics: Metrics
  logger: Logger
  integrity: IntegrityWatch
  /** Which loaded documents hold only stored or journaled content (decision 0202). */
  provenance: ContentProvenance
  /** The fleet's Redis journals (absent without Redis). */
  recovery?: JournalRecovery
  onDatabaseStatus: (up: boolean) => void
  /** Told when a connection fails because its document cannot be loaded (the session record keeps it). */
  onLoadRefused?: (refusal: LoadRefusal) => void
}

export interface LoadRefusal {
  documentName: string
  userId: string | null
  code: number
  reason: string
}

/**
 * Snapshots from this size on are sent ahead of the node's parse to a client asking for
 * everything (decision 0166); below it the parse is short and one answer is cheaper than two.
 * The size from which snapshots are stored in V1 (decision 0186), so every snapshot stored in
 * the form sent is sent ahead as read.
 */
const SEND_AHEAD_MIN_BYTES = V1_SNAPSHOT_MIN_BYTES

/** How long a document whose content the store cannot confirm stays loaded before trying again. */
const UNLOAD_RETRY_MS = 5_000

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
    // Watched from before the first await: a peer's frame that reaches the document while its
    // stored state is read (a channel still subscribed from its previous load) is seen too.
    this.options.provenance.track(document)
    const stored = await this.loadStored(documentName, context)
    const snapshot = stored?.snapshot ?? null
    // A large snapshot goes to the client that asked for everything before this node parses it
    // (decision 0166); its queued request is then narrowed to what the snapshot lacks.
    const narrow =
      snapshot && snapshot.state.byteLength >= SEND_AHEAD_MIN_BYTES
        ? await (context as ConnectionContext | undefined)?.transport?.sendAhead?.(
            documentName,
            () => snapshotAsV1(snapshot),
          )
        : null
    const journaled = (await this.options.recovery?.entriesFor(documentName)) ?? []
    const pending = this.options.writer.pendingFor(documentName)
    applyState(
      document,
      snapshot,
      [...(stored?.rows ?? []), ...journaled, ...pending],
      narrow ? () => narrow(Y.encodeStateVector(document)) : undefined,
    )
    this.options.integrity.loaded(document, {
      snapshot: Boolean(stored?.snapshot),
      logRows: stored?.rows.length ?? 0,
      journalEntries: journaled.length,
      unsavedInMemory: pending.length,
    })
  }

  private async loadStored(documentName: string, context: unknown): Promise<StoredState | null> {
    try {
      const stored = await readDocumentState(this.options.prisma, documentName, this.options.sql)
      this.options.onDatabaseStatus(true)
      return stored
    } catch (error) {
      this.options.onDatabaseStatus(false)
      this.options.onLoadRefused?.({
        documentName,
        userId: (context as ConnectionContext | undefined)?.user?.id ?? null,
        code: CloseCodes.dependencyDown,
        reason: REFUSAL_REASONS.dependencyDown,
      })
      throw error
    }
  }

  async onChange({
    transactionOrigin,
    update,
    documentName,
    context,
  }: onChangePayload): Promise<void> {
    if (isFromRedis(transactionOrigin)) return
    // Hocuspocus passes the sending connection's context, or for a server-side edit on someone's
    // behalf (a validated tile placement) the context its origin names.
    const user = (context as ConnectionContext | undefined)?.user
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
   * A document leaves memory only when the stored state (Postgres, the journals, this node's
   * queue) holds all of it; what it lacks is written as a row under this node first. What it
   * lacks is known without reading the store unless ContentProvenance lost track. When the
   * store cannot be read the document stays loaded (Hocuspocus keeps it when this throws) and
   * the unload is tried again later.
   */
  async beforeUnloadDocument({ documentName, document, instance }: beforeUnloadDocumentPayload) {
    // What it received since its load is in the log, this node's queue or a peer's journal, but
    // for what ContentProvenance kept: that is written, and nothing needs the comparison below
    // (a parse of the stored snapshot and a fold of the log).
    const need = this.options.provenance.unloadNeed(document)
    const check =
      need.kind === 'write' ? 'written' : need.kind === 'nothing' ? 'skipped' : 'compared'
    this.options.metrics.unloadChecks.inc({ check })
    try {
      if (need.kind === 'nothing') return
      if (need.kind === 'write') {
        await this.writeBeforeUnload(documentName, need.update)
        // Counted when the flush wrote it (UpdateLogWriter reports before its waiters resume).
        this.options.compactor.uncount(documentName, 1)
        return
      }
      const stored = await readDocumentState(this.options.prisma, documentName, this.options.sql)
      const journaled = (await this.options.recovery?.entriesFor(documentName)) ?? []
      const pending = this.options.writer.pendingFor(documentName)
      const missing = await contentMissingFromStore(document, stored?.snapshot ?? null, [
        ...(stored?.rows ?? []),
        ...journaled,
        ...pending,
      ])
      if (!missing) return
      this.options.metrics.unloadRepairs.inc()
      this.options.logger.warn(
        { documentName, bytes: missing.byteLength },
        'unloading document held content the stored state lacked; writing it before unloading',
      )
      await this.writeBeforeUnload(documentName, missing)
    } catch (error) {
      this.options.logger.warn(
        { err: error, documentName },
        'cannot confirm the stored state holds this document; keeping it loaded',
      )
      setTimeout(() => {
        const current = instance.documents.get(documentName)
        if (current) void instance.unloadDocument(current)
      }, UNLOAD_RETRY_MS).unref()
      throw error
    }
  }

  /** Content only this node's memory holds, logged under no user before the document goes. */
  private async writeBeforeUnload(documentName: string, update: Uint8Array) {
    this.options.writer.enqueue({
      documentName,
      update,
      userId: null,
      userName: null,
      receivedAt: new Date(),
    })
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
