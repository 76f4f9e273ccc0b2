/**
 * The node's durability as one owned unit: the update-log writer, the Redis journal and the
 * replay of dead nodes' journals (fleets with Redis), the compactor, the integrity watch and the
 * Persistence extension that feeds them. createNode builds it from the shared services and puts
 * `extension` in Hocuspocus's list; shutdownNode calls `flush` and `stop`.
 *
 * One client update, in order: Persistence.onChange → UpdateLogWriter.enqueue (and Journal.add)
 * → a batch in Postgres (packages/db updateLog.ts) → Journal.committed trims it → the Compactor
 * counts the rows and folds them into a snapshot once due (the fold on a worker thread, 0196).
 */
import type { Document } from '@hocuspocus/server'
import type { MetricsReporter } from '../metrics/MetricsReporter.ts'
import type { NodeServices } from '../services.ts'
import { Compactor } from './Compactor.ts'
import { ContentProvenance } from './ContentProvenance.ts'
import { FoldWorker } from './FoldWorker.ts'
import { IntegrityWatch } from './IntegrityWatch.ts'
import { Journal } from './journal/Journal.ts'
import { JournalRecovery } from './journal/JournalRecovery.ts'
import { type LoadRefusal, Persistence } from './Persistence.ts'
import { UpdateLogWriter } from './UpdateLogWriter.ts'
import { warmQueryCompiler } from './warmQueryCompiler.ts'

export interface NodePersistenceOptions {
  services: NodeServices
  /** Counts the rows each batch wrote. */
  counts: MetricsReporter
  /** Asks the other nodes for what this one lacks of a document (the fan-out, when there is one). */
  askPeers: (document: Document) => void
  /** A connection failed because its document cannot be loaded (recorded like every refusal). */
  onLoadRefused: (refusal: LoadRefusal) => void
}

/** Waits for `work` within what is left of the shutdown timeout; false when it ran out. */
export type Within = (work: Promise<unknown>) => Promise<boolean>

export class NodePersistence {
  readonly extension: Persistence
  /** Shared with the fan-out, which reports whether each incoming frame was journaled. */
  readonly provenance: ContentProvenance
  private readonly writer: UpdateLogWriter
  private readonly compactor: Compactor
  private readonly folds: FoldWorker
  private readonly journal: Journal | undefined
  private readonly recovery: JournalRecovery | undefined

  constructor({ services, counts, askPeers, onLoadRefused }: NodePersistenceOptions) {
    const { config, logger, metrics, database, redis, bootId, databaseStatus } = services
    // Unvouched content a document may keep for its unload: as much as a node may hold unsaved.
    this.provenance = new ContentProvenance(config.unsavedMaxBytes)
    const compactorLogger = logger.child({ module: 'compactor' })
    this.folds = new FoldWorker({
      onThreadFailure: (error) =>
        compactorLogger.warn({ err: error }, 'fold thread failed; folding on the event loop'),
    })
    this.compactor = new Compactor({
      prisma: database.prisma,
      nodeId: config.nodeId,
      everyUpdates: config.snapshotEveryUpdates,
      fold: (previous, updates) => this.folds.fold(previous, updates),
      retentionHours: config.logRetentionHours,
      logger: compactorLogger,
      metrics,
    })
    const journalLogger = logger.child({ module: 'journal' })
    this.journal = redis
      ? new Journal({
          redis: redis.command,
          nodeId: config.nodeId,
          bootId,
          heartbeatMs: config.presenceHeartbeatMs,
          expiryMs: config.presenceExpiryMs,
          logger: journalLogger,
          metrics,
        })
      : undefined
    this.recovery =
      redis && this.journal
        ? new JournalRecovery({
            redis: redis.command,
            sql: database.sql,
            nodeId: config.nodeId,
            ownStream: this.journal.stream,
            sweepMs: config.presenceHeartbeatMs,
            logger: journalLogger,
            metrics,
          })
        : undefined
    this.writer = new UpdateLogWriter({
      sql: database.sql,
      nodeId: config.nodeId,
      bootId,
      metrics,
      logger: logger.child({ module: 'update-log' }),
      onDatabaseStatus: databaseStatus,
      onPersisted: (byDocument) => {
        let rows = 0
        for (const count of byDocument.values()) rows += count
        counts.persisted(rows)
        this.compactor.recordPersisted(byDocument)
      },
      ...(this.journal ? { journal: this.journal } : {}),
    })
    this.journal?.start()
    this.recovery?.start()
    warmQueryCompiler(database.prisma)
    this.extension = new Persistence({
      prisma: database.prisma,
      sql: database.sql,
      writer: this.writer,
      compactor: this.compactor,
      metrics,
      logger: logger.child({ module: 'persistence' }),
      integrity: new IntegrityWatch({
        logger: logger.child({ module: 'integrity' }),
        metrics,
        askPeers,
      }),
      provenance: this.provenance,
      ...(this.recovery ? { recovery: this.recovery } : {}),
      onDatabaseStatus: databaseStatus,
      onLoadRefused,
    })
  }

  /** Resolves once everything received before this call is in the database. */
  flush(): Promise<void> {
    return this.writer.flush()
  }

  /** Updates received and not yet in the database. */
  get pendingCount(): number {
    return this.writer.pendingCount
  }

  /** Bytes of those updates. */
  get pendingBytes(): number {
    return this.writer.pendingBytes
  }

  /**
   * Resolves once this turn's updates are in the Redis journal (true), or the append failed
   * (false; they stay in the writer's memory). The fan-out publishes a turn only after it.
   */
  journaled(): Promise<boolean> {
    // Without a journal nothing is journaled: peers must not take a publish for a durable one.
    return this.journal ? this.journal.sync() : Promise.resolve(false)
  }

  /**
   * After the last flush: the journal is released (removed when everything is committed, left
   * for a survivor otherwise), running compactions finish, timers stop.
   */
  async stop(within: Within): Promise<void> {
    this.recovery?.stop()
    await within(this.journal?.stop(this.writer.pendingCount === 0) ?? Promise.resolve())
    await within(this.compactor.idle())
    this.compactor.stop()
    await this.folds.close()
    this.writer.stop()
  }
}
