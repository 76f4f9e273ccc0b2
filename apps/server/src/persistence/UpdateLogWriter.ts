/**
 * Batches the client updates this node received into the Postgres update log.
 *
 * Updates are written in arrival order, many per transaction. A failed batch stays at the head
 * of the queue and is retried with backoff, so a database outage delays durability but loses
 * nothing this process holds; every row carries a fleet-unique key, so a retry of a batch whose
 * commit was not acknowledged cannot insert a row twice.
 */
import { randomBytes } from 'node:crypto'
import { appendUpdates, type LoggedUpdate, RetryingQueue, type SqlExecutor } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import type { Journal } from './journal/Journal.ts'

export type IncomingUpdate = Omit<LoggedUpdate, 'updateKey' | 'nodeId'>

interface QueuedUpdate extends LoggedUpdate {
  seq: number
}

export interface UpdateLogWriterOptions {
  sql: SqlExecutor
  nodeId: string
  metrics: Metrics
  logger: Logger
  /** Told whether the database answered, for readiness and metrics. */
  onDatabaseStatus: (up: boolean) => void
  /** Told how many rows of each document were written (for compaction and the row count). */
  onPersisted: (counts: Map<string, number>) => void
  batchDelayMs?: number
  maxBatch?: number
  /** Names this process's keys (default: random); the journal's stream uses the same. */
  bootId?: string
  /** The Redis journal every queued update is also appended to (fleets with Redis). */
  journal?: Journal
}

export class UpdateLogWriter {
  private readonly options: Required<Omit<UpdateLogWriterOptions, 'journal' | 'bootId'>>
  private readonly journal: Journal | undefined
  /** Distinguishes this process's keys from an earlier run of the same node id. */
  private readonly bootId: string
  private queuedBytes = 0
  /** Ordered batches with retry and backoff: the same machinery as the session records. */
  private readonly queue: RetryingQueue<QueuedUpdate>
  private nextSeq = 1
  private writtenSeq = 0
  private waiters: { seq: number; resolve: () => void }[] = []
  private readonly lagTimer: NodeJS.Timeout

  constructor(options: UpdateLogWriterOptions) {
    this.options = { batchDelayMs: 10, maxBatch: 2_000, ...options }
    this.journal = options.journal
    this.bootId = options.bootId ?? randomBytes(6).toString('base64url')
    this.queue = new RetryingQueue<QueuedUpdate>({
      batchDelayMs: this.options.batchDelayMs,
      maxBatch: this.options.maxBatch,
      // Queued entries are logged updates plus their seq, which appendUpdates ignores.
      write: (batch) => appendUpdates(this.options.sql, batch),
      onWritten: (batch) => this.written(batch),
      onStatus: (ok, error) => this.status(ok, error),
    })
    this.lagTimer = setInterval(() => this.reportQueue(), 1_000)
    this.lagTimer.unref()
  }

  enqueue(update: IncomingUpdate): void {
    const seq = this.nextSeq++
    const queued: QueuedUpdate = {
      ...update,
      seq,
      nodeId: this.options.nodeId,
      updateKey: `${this.options.nodeId}:${this.bootId}:${seq}`,
    }
    this.queuedBytes += update.update.byteLength
    this.queue.push(queued)
    this.journal?.add(queued)
  }

  /** Updates of one document still waiting for the database, oldest first (a reload must include them). */
  pendingFor(documentName: string): Uint8Array[] {
    return this.queue.pending
      .filter((entry) => entry.documentName === documentName)
      .map((entry) => entry.update)
  }

  get pendingCount(): number {
    return this.queue.size
  }

  /** Bytes of the updates not yet in the database. */
  get pendingBytes(): number {
    return this.queuedBytes
  }

  /** Resolves once everything enqueued before this call is in the database. */
  flush(): Promise<void> {
    const seq = this.nextSeq - 1
    if (seq <= this.writtenSeq) return Promise.resolve()
    this.queue.writeSoon()
    return new Promise((resolve) => this.waiters.push({ seq, resolve }))
  }

  stop(): void {
    clearInterval(this.lagTimer)
    this.queue.stop()
  }

  private written(batch: QueuedUpdate[]) {
    this.writtenSeq = (batch.at(-1) as QueuedUpdate).seq
    for (const entry of batch) this.queuedBytes -= entry.update.byteLength
    this.journal?.committed(this.writtenSeq)
    const done = this.waiters.filter((waiter) => waiter.seq <= this.writtenSeq)
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.writtenSeq)
    for (const waiter of done) waiter.resolve()
    this.options.onPersisted(countByDocument(batch))
    this.reportQueue()
  }

  private status(ok: boolean, error?: unknown) {
    this.options.onDatabaseStatus(ok)
    if (ok) return
    this.options.metrics.persistenceFailures.inc()
    this.options.logger.warn(
      { err: error, queued: this.queue.size, attempt: this.queue.failedAttempts },
      'update log write failed; will retry',
    )
    this.reportQueue()
  }

  private reportQueue() {
    const oldest = this.queue.pending[0]
    this.options.metrics.persistenceQueue.set(this.queue.size)
    this.options.metrics.persistenceLag.set(
      oldest ? (Date.now() - oldest.receivedAt.getTime()) / 1000 : 0,
    )
  }
}

function countByDocument(batch: QueuedUpdate[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const entry of batch)
    counts.set(entry.documentName, (counts.get(entry.documentName) ?? 0) + 1)
  return counts
}
