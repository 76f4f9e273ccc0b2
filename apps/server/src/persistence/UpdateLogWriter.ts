/**
 * Batches the client updates this node received into the Postgres update log.
 *
 * Updates are written in arrival order, many per transaction. A failed batch stays at the head
 * of the queue and is retried with backoff, so a database outage delays durability but loses
 * nothing this process holds; every row carries a fleet-unique key, so a retry of a batch whose
 * commit was not acknowledged cannot insert a row twice.
 */
import { randomBytes } from 'node:crypto'
import { appendUpdates, type LoggedUpdate, type SqlExecutor } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../Metrics.ts'

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
  /** Told how many rows of each document were written, to trigger compaction. */
  onPersisted: (counts: Map<string, number>) => void
  batchDelayMs?: number
  maxBatch?: number
}

export class UpdateLogWriter {
  private readonly options: Required<UpdateLogWriterOptions>
  /** Distinguishes this process's keys from an earlier run of the same node id. */
  private readonly bootId = randomBytes(6).toString('base64url')
  private queue: QueuedUpdate[] = []
  private nextSeq = 1
  private writtenSeq = 0
  private waiters: { seq: number; resolve: () => void }[] = []
  private timer: NodeJS.Timeout | null = null
  private writing = false
  private failures = 0
  private lagTimer: NodeJS.Timeout

  constructor(options: UpdateLogWriterOptions) {
    this.options = { batchDelayMs: 10, maxBatch: 2_000, ...options }
    this.lagTimer = setInterval(() => this.reportQueue(), 1_000)
    this.lagTimer.unref()
  }

  enqueue(update: IncomingUpdate): void {
    const seq = this.nextSeq++
    this.queue.push({
      ...update,
      seq,
      nodeId: this.options.nodeId,
      updateKey: `${this.options.nodeId}:${this.bootId}:${seq}`,
    })
    this.schedule(this.options.batchDelayMs)
  }

  /** Updates of one document still waiting for the database, oldest first (a reload must include them). */
  pendingFor(documentName: string): Uint8Array[] {
    return this.queue
      .filter((entry) => entry.documentName === documentName)
      .map((entry) => entry.update)
  }

  get pendingCount(): number {
    return this.queue.length
  }

  /** Resolves once everything enqueued before this call is in the database. */
  flush(): Promise<void> {
    const seq = this.nextSeq - 1
    if (seq <= this.writtenSeq) return Promise.resolve()
    this.schedule(0)
    return new Promise((resolve) => this.waiters.push({ seq, resolve }))
  }

  stop(): void {
    clearInterval(this.lagTimer)
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(delayMs: number) {
    if (this.writing || this.queue.length === 0) return
    if (this.timer && delayMs > 0) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.writeBatch()
    }, delayMs)
  }

  private async writeBatch(): Promise<void> {
    if (this.writing || this.queue.length === 0) return
    this.writing = true
    const batch = this.queue.slice(0, this.options.maxBatch)
    try {
      await appendUpdates(
        this.options.sql,
        batch.map(({ seq: _seq, ...row }) => row),
      )
      this.queue.splice(0, batch.length)
      this.writtenSeq = (batch.at(-1) as QueuedUpdate).seq
      this.failures = 0
      this.options.onDatabaseStatus(true)
      this.options.metrics.updatesPersisted.inc(batch.length)
      this.resolveWaiters()
      this.options.onPersisted(countByDocument(batch))
    } catch (error) {
      this.failures += 1
      this.options.metrics.persistenceFailures.inc()
      this.options.onDatabaseStatus(false)
      this.options.logger.warn(
        { err: error, queued: this.queue.length, attempt: this.failures },
        'update log write failed; will retry',
      )
    } finally {
      this.writing = false
      this.reportQueue()
    }
    if (this.queue.length > 0) {
      const backoff = this.failures === 0 ? 0 : Math.min(2_000, 50 * 2 ** this.failures)
      this.schedule(backoff)
    }
  }

  private resolveWaiters() {
    const done = this.waiters.filter((waiter) => waiter.seq <= this.writtenSeq)
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.writtenSeq)
    for (const waiter of done) waiter.resolve()
  }

  private reportQueue() {
    const oldest = this.queue[0]
    this.options.metrics.persistenceQueue.set(this.queue.length)
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
