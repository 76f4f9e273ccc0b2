/**
 * A node's side of presence: its sessions mirrored into Redis on join and leave, and a heartbeat
 * that renews the node's "alive" key. Nothing is sent per keystroke. When Redis is unreachable
 * the sessions stay in memory and the next successful heartbeat rewrites the whole set, as it
 * does whenever Redis's copy may differ from ours (a join or leave that failed, Redis back from
 * a restart, a count that disagrees): Redis restarting empty loses no presence.
 *
 * A heartbeat does not rewrite the set every time: with 10,000 connections that is a 20,000-
 * argument command built and sent every few seconds, which stalled the node's event loop for
 * hundreds of milliseconds (docs/benchmarks.md, scenario 4). It checks the count instead.
 */
import type { RedisConnection as Redis } from '@weft/redis'
import { bootKey, keys } from './keys.ts'
import type { PresenceSession } from './types.ts'

export interface NodePresencePublisherOptions {
  redis: Redis
  nodeId: string
  bootId: string
  heartbeatMs: number
  /** How long the node counts as alive after a heartbeat; several heartbeats, so one slow beat is no death. */
  expiryMs: number
  onError?: (error: unknown) => void
}

const FAILED = Symbol('failed')

export class NodePresencePublisher {
  private readonly options: NodePresencePublisherOptions
  private readonly sessions = new Map<string, PresenceSession>()
  private readonly boot: string
  private timer: NodeJS.Timeout | null = null
  /** Redis's copy of our sessions may be wrong: the next heartbeat rewrites it. */
  private dirty = true

  constructor(options: NodePresencePublisherOptions) {
    this.options = options
    this.boot = bootKey(options.nodeId, options.bootId)
  }

  /** Starts heartbeating; calling it again beats at once (e.g. when Redis comes back). */
  start(): void {
    this.dirty = true // Redis may be back from a restart, empty
    void this.heartbeat()
    if (this.timer) return
    this.timer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs)
    this.timer.unref()
  }

  join(session: PresenceSession): void {
    this.sessions.set(session.id, session)
    void this.run((redis) =>
      redis
        .multi()
        .hset(keys.sessions(this.boot), session.id, JSON.stringify(session))
        .publish(keys.changes, this.boot)
        .exec(),
    )
  }

  leave(sessionId: string): void {
    if (!this.sessions.delete(sessionId)) return
    void this.run((redis) =>
      redis
        .multi()
        .hdel(keys.sessions(this.boot), sessionId)
        .publish(keys.changes, this.boot)
        .exec(),
    )
  }

  /** Graceful stop: the node's sessions leave at once instead of expiring. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.sessions.clear()
    await this.options.redis
      .multi()
      .del(keys.sessions(this.boot), keys.alive(this.boot))
      .srem(keys.boots, this.boot)
      .publish(keys.changes, this.boot)
      .exec()
      .catch((error: unknown) => this.options.onError?.(error))
  }

  private async heartbeat() {
    const { redis, expiryMs } = this.options
    if (!this.dirty) {
      // The count Redis should hold once the commands queued before these have run (they run
      // in order on one connection): read before awaiting, while joins and leaves go on.
      const expected = this.sessions.size
      const replies = await this.run(() =>
        redis
          .multi()
          .set(keys.alive(this.boot), String(Date.now()), 'PX', expiryMs)
          .sadd(keys.boots, this.boot)
          .hlen(keys.sessions(this.boot))
          .exec(),
      )
      if (replies === FAILED) return // Redis is away; `run` marked the hash dirty.
      const count = (replies as [Error | null, unknown][] | null | undefined)?.[2]?.[1]
      if (count === expected) return
      this.dirty = true
    }
    const transaction = redis.multi().del(keys.sessions(this.boot))
    if (this.sessions.size > 0) {
      transaction.hset(
        keys.sessions(this.boot),
        Object.fromEntries(
          [...this.sessions].map(([id, session]) => [id, JSON.stringify(session)]),
        ),
      )
    }
    transaction
      .set(keys.alive(this.boot), String(Date.now()), 'PX', expiryMs)
      .sadd(keys.boots, this.boot)
    this.dirty = false
    if ((await this.run(() => transaction.exec())) === FAILED) this.dirty = true
  }

  /** Runs a Redis command; FAILED (and a rewrite at the next heartbeat) when it could not. */
  private async run(command: (redis: Redis) => Promise<unknown>): Promise<unknown> {
    if (this.options.redis.status !== 'ready') {
      this.dirty = true
      return FAILED
    }
    try {
      return await command(this.options.redis)
    } catch (error) {
      this.dirty = true
      this.options.onError?.(error)
      return FAILED
    }
  }
}
