/**
 * Makes durable what dead nodes journaled: on start and every sweep, each registered journal
 * whose boot is dead (its alive key expired, or an older boot of this node's own id) is claimed
 * by one survivor (a `SET NX` lease) and replayed into the update log with the original
 * `update_key`, user, node and time — `ON CONFLICT DO NOTHING` makes the rows the dead node did
 * commit a no-op — then trimmed. A replay that fails (Postgres down) leaves the entries for the
 * next sweep. Loads read unclaimed entries too (`entriesFor`), so a document opened before the
 * replay still has every edit.
 */
import { appendUpdates, type SqlExecutor } from '@weft/db'
import type { RedisConnection } from '@weft/redis'
import type { Logger } from '../../logger.ts'
import type { Metrics } from '../../metrics/Metrics.ts'
import { decodeEntry, entryId, seqOfId } from './journalEntry.ts'
import { bootOfStream, journalKeys } from './journalKeys.ts'

export interface JournalRecoveryOptions {
  redis: RedisConnection
  sql: SqlExecutor
  nodeId: string
  /** This boot's stream (never claimed by itself). */
  ownStream: string
  sweepMs: number
  logger: Logger
  metrics: Metrics
}

/** Stream entries read per round trip (each holds one turn of updates). */
const REPLAY_ENTRIES = 50
/** Updates written per update-log batch. */
const REPLAY_BATCH = 1_000
/** How long a claim holds if its holder dies mid-replay. */
const CLAIM_MS = 60_000
/** Stream entries a load or unload reads per round trip (a turn each: up to tens of KB). */
const LOAD_PAGE_ENTRIES = 100
/** A load never waits longer than this for Redis: without it the load goes on from Postgres. */
const LOAD_READ_TIMEOUT_MS = 1_000

/** Deletes a stream only while it is empty (a falsely-declared-dead node may be appending). */
const DELETE_IF_EMPTY = `if redis.call('XLEN', KEYS[1]) == 0 then return redis.call('DEL', KEYS[1]) end return 0`

export class JournalRecovery {
  private readonly options: JournalRecoveryOptions
  private timer: NodeJS.Timeout | null = null
  private sweeping: Promise<void> | null = null

  constructor(options: JournalRecoveryOptions) {
    this.options = options
  }

  start(): void {
    const run = () => void this.sweep()
    this.options.redis.on('ready', run)
    if (this.options.redis.status === 'ready') run()
    this.timer = setInterval(run, this.options.sweepMs)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** Claims and replays every dead boot's journal once; resolves when done. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = null
    })
    return this.sweeping
  }

  /** Updates of one document still in any journal (a load adds them to what Postgres holds). */
  async entriesFor(documentName: string): Promise<Uint8Array[]> {
    const { redis } = this.options
    if (redis.status !== 'ready') return []
    let gaveUp = false
    // In pages: a whole stream in one reply is parsed, copied and decoded in one turn of the
    // event loop (megabytes while a fast writer's commits lag), holding up every document this
    // node serves; and a read the load stopped waiting for stops at its next page.
    const read = async () => {
      const updates: Uint8Array[] = []
      for (const { stream } of await this.registered()) {
        let start = '-'
        while (!gaveUp) {
          const page = await redis.xrangeBuffer(stream, start, '+', 'COUNT', LOAD_PAGE_ENTRIES)
          for (const [, fields] of page) {
            for (const entry of decodeEntry(fields, documentName)) updates.push(entry.update)
          }
          if (page.length < LOAD_PAGE_ENTRIES) break
          start = `(${(page.at(-1) as [Buffer, Buffer[]])[0].toString()}`
        }
      }
      return updates
    }
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<Uint8Array[]>((resolve) => {
      timer = setTimeout(() => {
        gaveUp = true
        resolve([])
      }, LOAD_READ_TIMEOUT_MS)
    })
    try {
      return await Promise.race([read(), timeout])
    } catch (error) {
      this.options.logger.warn({ err: error, documentName }, 'cannot read the journals on load')
      return []
    } finally {
      clearTimeout(timer)
    }
  }

  /** Every registered stream, with the registry that lists it (this image's, then earlier ones'). */
  private async registered(): Promise<{ stream: string; registry: string }[]> {
    const { redis } = this.options
    const listed: { stream: string; registry: string }[] = []
    for (const registry of [journalKeys.registry, journalKeys.legacyRegistry])
      for (const stream of await redis.smembers(registry)) listed.push({ stream, registry })
    return listed
  }

  private async sweepOnce() {
    const { redis, logger } = this.options
    if (redis.status !== 'ready') return
    try {
      for (const { stream, registry } of await this.registered()) {
        if (stream === this.options.ownStream) continue
        const owner = bootOfStream(stream)
        if (!owner) continue
        const sameNodeEarlierBoot = owner.nodeId === this.options.nodeId
        if (!sameNodeEarlierBoot && (await redis.exists(journalKeys.alive(owner.boot)))) continue
        await this.claim(owner.boot, stream, registry)
      }
    } catch (error) {
      logger.warn({ err: error }, 'journal sweep failed; retrying at the next one')
    }
  }

  private async claim(boot: string, stream: string, registry: string) {
    const { redis, logger, metrics, nodeId } = this.options
    const claimKey = journalKeys.claim(boot)
    if ((await redis.set(claimKey, nodeId, 'PX', CLAIM_MS, 'NX')) !== 'OK') return
    let replayed = 0
    try {
      for (;;) {
        const page = await redis.xrangeBuffer(stream, '-', '+', 'COUNT', REPLAY_ENTRIES)
        if (page.length === 0) break
        const entries = page.flatMap(([, fields]) => decodeEntry(fields))
        for (let start = 0; start < entries.length; start += REPLAY_BATCH)
          await appendUpdates(this.options.sql, entries.slice(start, start + REPLAY_BATCH))
        const lastSeq = seqOfId((page.at(-1) as [Buffer, Buffer[]])[0].toString())
        await redis.xtrim(stream, 'MINID', entryId(lastSeq + 1))
        replayed += entries.length
        metrics.journalReplayed.inc(entries.length)
      }
      await redis.eval(DELETE_IF_EMPTY, 1, stream)
      if (!(await redis.exists(stream))) await redis.srem(registry, stream)
      if (replayed > 0)
        logger.warn(
          { boot, replayed },
          'replayed a dead node’s journal into the update log (updates it had not committed)',
        )
    } catch (error) {
      logger.warn(
        { err: error, boot, replayed },
        'journal replay failed (Postgres or Redis unavailable); the next sweep retries',
      )
    } finally {
      await redis.del(claimKey).catch(() => {})
    }
  }
}
