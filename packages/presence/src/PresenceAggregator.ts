/**
 * The fleet-wide picture, read from Redis: the sessions of every node boot whose "alive" key
 * still exists. A boot whose key expired (the node stopped heartbeating) is removed, and the one
 * reader whose SREM removed it — exactly one across all replicas — reports its sessions as
 * errored. Replicas agree because Redis is the only state; each refreshes on every change
 * notice and at least every `pollMs`.
 */
import type { RedisConnection as Redis } from '@weft/redis'
import { keys } from './keys.ts'
import type { PresenceSession } from './types.ts'

export interface ExpiredBoot {
  nodeId: string
  bootId: string
  sessions: PresenceSession[]
}

export interface PresenceAggregatorOptions {
  redis: Redis
  /** A second connection for SUBSCRIBE (a subscribed connection cannot run commands). */
  subscriber: Redis
  pollMs: number
  onExpired: (boot: ExpiredBoot) => void
  onChange: (sessions: PresenceSession[]) => void
  onError?: (error: unknown) => void
}

export class PresenceAggregator {
  private readonly options: PresenceAggregatorOptions
  private current: PresenceSession[] = []
  private signature = ''
  private timer: NodeJS.Timeout | null = null
  private refreshing: Promise<void> | null = null
  private again = false
  private healthy = false

  constructor(options: PresenceAggregatorOptions) {
    this.options = options
  }

  get sessions(): PresenceSession[] {
    return this.current
  }

  /** True when the last refresh reached Redis. */
  get ok(): boolean {
    return this.healthy
  }

  async start(): Promise<void> {
    this.options.subscriber.on('message', () => void this.refresh())
    await this.options.subscriber
      .subscribe(keys.changes)
      .catch((error: unknown) => this.options.onError?.(error))
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs)
    this.timer.unref()
    await this.refresh()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** Coalesces overlapping calls: one refresh runs, and one more after it if asked meanwhile. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true
      return this.refreshing
    }
    this.refreshing = this.read()
      .catch((error: unknown) => {
        this.healthy = false
        this.options.onError?.(error)
      })
      .finally(() => {
        this.refreshing = null
        if (this.again) {
          this.again = false
          void this.refresh()
        }
      })
    return this.refreshing
  }

  private async read() {
    const { redis } = this.options
    const boots = await redis.smembers(keys.boots)
    const pipeline = redis.pipeline()
    for (const boot of boots) pipeline.exists(keys.alive(boot)).hgetall(keys.sessions(boot))
    const results = (await pipeline.exec()) ?? []
    const sessions: PresenceSession[] = []
    for (const [index, boot] of boots.entries()) {
      const alive = results[index * 2]?.[1] === 1
      const hash = (results[index * 2 + 1]?.[1] ?? {}) as Record<string, string>
      const bootSessions = Object.values(hash).flatMap((json) => {
        try {
          return [JSON.parse(json) as PresenceSession]
        } catch {
          return []
        }
      })
      if (alive) {
        sessions.push(...bootSessions)
        continue
      }
      const removed = await redis.srem(keys.boots, boot)
      await redis.del(keys.sessions(boot))
      if (removed === 1) {
        const [nodeId = boot, bootId = ''] = boot.split('/')
        this.options.onExpired({ nodeId, bootId, sessions: bootSessions })
      }
    }
    this.healthy = true
    sessions.sort((a, b) => a.id.localeCompare(b.id))
    const signature = sessions.map((session) => session.id).join('|')
    this.current = sessions
    if (signature !== this.signature) {
      this.signature = signature
      this.options.onChange(sessions)
    }
  }
}
