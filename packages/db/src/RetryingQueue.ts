/**
 * A small ordered write queue: items are written in batches by `write`; a failed batch stays at
 * the head and is retried with backoff, so an outage delays records without losing or
 * reordering them. `write` must be idempotent (it may be retried after an unacknowledged commit).
 */
export interface RetryingQueueOptions<T> {
  write: (batch: T[]) => Promise<void>
  onStatus?: (ok: boolean, error?: unknown) => void
  /** Told of each batch once written (in order), before the next one starts. */
  onWritten?: (batch: T[]) => void
  batchDelayMs?: number
  maxBatch?: number
}

export class RetryingQueue<T> {
  private readonly options: Required<Omit<RetryingQueueOptions<T>, 'onStatus' | 'onWritten'>> &
    Pick<RetryingQueueOptions<T>, 'onStatus' | 'onWritten'>
  private items: T[] = []
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null
  private failures = 0

  constructor(options: RetryingQueueOptions<T>) {
    this.options = { batchDelayMs: 50, maxBatch: 500, ...options }
  }

  get size(): number {
    return this.items.length
  }

  /** Failed attempts in a row at the head batch (0 once a write succeeds). */
  get failedAttempts(): number {
    return this.failures
  }

  /** The items not written yet, oldest first (a view: do not keep it). */
  get pending(): readonly T[] {
    return this.items
  }

  push(item: T): void {
    this.items.push(item)
    this.schedule(this.options.batchDelayMs)
  }

  /** Starts the next batch now rather than after the batching delay (unless one is backing off). */
  writeSoon(): void {
    if (this.writing || this.items.length === 0 || this.failures > 0) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.schedule(0)
  }

  /** Writes everything queued now; resolves when the queue is empty or `timeoutMs` passed. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    while (this.items.length > 0 && Date.now() < deadline) {
      if (!this.writing) await this.writeBatch()
      else await this.writing
      if (this.items.length > 0 && this.failures > 0)
        await new Promise((resolve) => setTimeout(resolve, 50))
    }
    return this.items.length === 0
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private schedule(delayMs: number) {
    if (this.timer || this.writing) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.writeBatch()
    }, delayMs)
    this.timer.unref()
  }

  private writeBatch(): Promise<void> {
    if (this.writing || this.items.length === 0) return this.writing ?? Promise.resolve()
    const batch = this.items.slice(0, this.options.maxBatch)
    this.writing = this.options
      .write(batch)
      .then(() => {
        this.items.splice(0, batch.length)
        this.failures = 0
        this.options.onStatus?.(true)
        this.options.onWritten?.(batch)
      })
      .catch((error: unknown) => {
        this.failures += 1
        this.options.onStatus?.(false, error)
      })
      .finally(() => {
        this.writing = null
        if (this.items.length > 0)
          this.schedule(this.failures === 0 ? 0 : Math.min(2_000, 50 * 2 ** this.failures))
      })
    return this.writing
  }
}
