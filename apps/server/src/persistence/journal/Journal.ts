/**
 * This node's update journal: a Redis stream holding every client update the node received and
 * has not yet committed to Postgres, so the updates outlive the node (kill -9, OOM, a lost
 * machine) and a survivor can write them (JournalRecovery).
 *
 * - The updates of one event-loop turn are appended as one entry (one XADD, journalEntry.ts);
 *   RedisFanout publishes a turn's updates only after `sync()` resolved, so an update any peer
 *   has seen is in the journal: that is what makes a crash right after an edit lossless (the
 *   peers' copy alone is not logged by anyone).
 * - Entry ids are `0-<seq>` of the turn's last update, the writer's own order, so committing up
 *   to `seq` trims with one idempotent `XTRIM MINID` (a failed trim is caught up by the next).
 * - An `alive` key, renewed every heartbeat, declares the node alive; its expiry declares it dead.
 */
import type { LoggedUpdate } from '@weft/db'
import type { RedisConnection } from '@weft/redis'
import type { Logger } from '../../logger.ts'
import type { Metrics } from '../../metrics/Metrics.ts'
import { entryFields, entryId } from './journalEntry.ts'
import { journalBoot, journalKeys } from './journalKeys.ts'

export interface JournalOptions {
  redis: RedisConnection
  nodeId: string
  bootId: string
  heartbeatMs: number
  expiryMs: number
  logger: Logger
  metrics: Metrics
}

export interface JournaledUpdate extends LoggedUpdate {
  seq: number
}

export class Journal {
  readonly boot: string
  readonly stream: string
  private readonly options: JournalOptions
  private turn: JournaledUpdate[] = []
  private last: Promise<boolean> = Promise.resolve(true)
  private trimmedTo = 0
  private trimming = false
  private committedSeq = 0
  private heartbeat: NodeJS.Timeout | null = null
  private lastWarning = 0

  constructor(options: JournalOptions) {
    this.options = options
    this.boot = journalBoot(options.nodeId, options.bootId)
    this.stream = journalKeys.stream(this.boot)
  }

  start(): void {
    const beat = () => {
      if (this.options.redis.status !== 'ready') return
      // Two commands, not one MULTI: the alive key and the registry live in different Redis
      // Cluster slots. The registry entry is idempotent, so their order does not matter.
      const { redis } = this.options
      redis.set(journalKeys.alive(this.boot), '1', 'PX', this.options.expiryMs).catch(() => {})
      redis.sadd(journalKeys.registry, this.stream).catch(() => {})
      this.trim()
    }
    beat()
    this.options.redis.on('ready', beat)
    this.heartbeat = setInterval(beat, this.options.heartbeatMs)
    this.heartbeat.unref()
  }

  /** Takes an update into this turn's batch (appended at the end of the turn, or by `sync`). */
  add(update: JournaledUpdate): void {
    this.turn.push(update)
    if (this.turn.length === 1) setImmediate(() => void this.sync())
  }

  /**
   * Appends what this turn added; resolves true once every update added before the call is in
   * Redis, false when the append failed (the updates stay in the writer's memory).
   */
  sync(): Promise<boolean> {
    if (this.turn.length === 0) return this.last
    const batch = this.turn
    this.turn = []
    const { redis, metrics } = this.options
    if (redis.status !== 'ready') {
      metrics.journalAppendFailures.inc(batch.length)
      this.last = Promise.resolve(false)
      return this.last
    }
    const last = batch.at(-1) as JournaledUpdate
    this.last = redis
      .xadd(this.stream, entryId(last.seq), ...entryFields(batch))
      .then(() => true)
      .catch(() => false)
      .then((ok) => {
        if (ok) metrics.journalAppended.inc(batch.length)
        else this.failed(batch.length)
        return ok
      })
    return this.last
  }

  /** Everything up to `seq` is in Postgres: its entries leave the journal. */
  committed(seq: number): void {
    this.committedSeq = Math.max(this.committedSeq, seq)
    this.trim()
  }

  /**
   * Graceful stop: with everything committed the stream and its registration go; otherwise they
   * stay for a survivor, and the alive key goes so that survivor claims them at once.
   */
  async stop(allCommitted: boolean): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat)
    const { redis } = this.options
    if (redis.status !== 'ready') return
    // The stream and its alive key share a slot; the registry is elsewhere (Redis Cluster), so
    // it is updated after the stream is gone — a registered stream that no longer exists is
    // dropped by the next survivor's sweep.
    const cleanup = redis.multi().del(journalKeys.alive(this.boot))
    if (allCommitted) cleanup.del(this.stream)
    await cleanup.exec().catch(() => {})
    if (allCommitted) await redis.srem(journalKeys.registry, this.stream).catch(() => {})
  }

  private trim() {
    if (this.trimming || this.committedSeq <= this.trimmedTo) return
    if (this.options.redis.status !== 'ready') return
    const upTo = this.committedSeq
    this.trimming = true
    this.options.redis.xtrim(this.stream, 'MINID', entryId(upTo + 1)).then(
      () => {
        this.trimming = false
        this.trimmedTo = upTo
        // Commits that arrived meanwhile; a failed trim is retried by the next heartbeat.
        if (this.committedSeq > this.trimmedTo) setImmediate(() => this.trim())
      },
      () => {
        this.trimming = false
      },
    )
  }

  private failed(count: number) {
    this.options.metrics.journalAppendFailures.inc(count)
    if (Date.now() - this.lastWarning < 10_000) return
    this.lastWarning = Date.now()
    this.options.logger.warn(
      { updates: count },
      'journal append failed: these updates are held in memory only until Postgres has them',
    )
  }
}
