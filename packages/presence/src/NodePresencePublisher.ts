/**
 * A node's side of presence: its sessions mirrored into Redis on join and leave, and a heartbeat
 * that rewrites the whole set and renews the node's "alive" key. Nothing is sent per keystroke.
 * When Redis is unreachable the sessions stay in memory; the next successful heartbeat rewrites
 * them, so Redis restarting empty loses no presence.
 */
import type { Redis } from 'ioredis'
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

export class NodePresencePublisher {
  private readonly options: NodePresencePublisherOptions
  private readonly sessions = new Map<string, PresenceSession>()
  private readonly boot: string
  private timer: NodeJS.Timeout | null = null

  constructor(options: NodePresencePublisherOptions) {
    this.options = options
    this.boot = bootKey(options.nodeId, options.bootId)
  }

  /** Starts heartbeating; calling it again beats at once (e.g. when Redis comes back). */
  start(): void {
    void this.heartbeat()
    if (this.timer) return
    this.timer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs)
    this.timer.unref()
  }

  join(session: PresenceSession): void {
    this.sessions.set(session.id, session)
    this.run((redis) =>
      redis
        .multi()
        .hset(keys.sessions(this.boot), session.id, JSON.stringify(session))
        .publish(keys.changes, this.boot)
        .exec(),
    )
  }

  leave(sessionId: string): void {
    if (!this.sessions.delete(sessionId)) return
    this.run((redis) =>
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
    await this.run(() => transaction.exec())
  }

  private async run(command: (redis: Redis) => Promise<unknown>) {
    if (this.options.redis.status !== 'ready') return
    try {
      await command(this.options.redis)
    } catch (error) {
      this.options.onError?.(error)
    }
  }
}
