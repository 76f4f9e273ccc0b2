/**
 * The tile boards' per-user pacing (r/place-style): at most N placements a minute per user and
 * board, a sliding one-minute window.
 *
 * Fleet-wide through Redis when the node has it: a user connected to two nodes (two tabs, a
 * reconnect to another pod) shares one window, counted atomically by a script on Redis's own
 * clock (nodes' clocks may disagree). While Redis is unreachable each node falls back to its own
 * window, so placements stay paced per node rather than refused outright.
 */
import { randomBytes } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface PlacementLimiter {
  /** Counts a placement for `key` (user + board) if the window has room; false when it has not. */
  allow(key: string): Promise<boolean>
}

const WINDOW_MS = 60_000

/** One node's own window (also the fallback of the Redis one). */
export class LocalPlacementWindow implements PlacementLimiter {
  private readonly perMinute: number
  private readonly recent = new Map<string, number[]>()

  constructor(perMinute: number) {
    this.perMinute = perMinute
  }

  async allow(key: string): Promise<boolean> {
    const now = Date.now()
    const times = (this.recent.get(key) ?? []).filter((at) => now - at < WINDOW_MS)
    const ok = times.length < this.perMinute
    if (ok) times.push(now)
    this.recent.set(key, times)
    // Forget users whose window emptied, so the map stays as small as the active users.
    if (this.recent.size > 10_000) {
      for (const [k, t] of this.recent)
        if (t.every((at) => now - at >= WINDOW_MS)) this.recent.delete(k)
    }
    return ok
  }
}

/**
 * KEYS[1]: the window (a sorted set of placements scored by time). ARGV: window ms, limit, a
 * unique member. Returns 1 when the placement was counted, 0 when the window is full.
 */
const SLIDING_WINDOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], window)
return 1`

export class RedisPlacementWindow implements PlacementLimiter {
  private readonly redis: Redis
  private readonly perMinute: number
  private readonly fallback: LocalPlacementWindow
  private readonly onFallback: (error: unknown) => void

  constructor(options: {
    redis: Redis
    perMinute: number
    onFallback: (error: unknown) => void
  }) {
    this.redis = options.redis
    this.perMinute = options.perMinute
    this.fallback = new LocalPlacementWindow(options.perMinute)
    this.onFallback = options.onFallback
  }

  async allow(key: string): Promise<boolean> {
    if (this.redis.status !== 'ready') return this.fallback.allow(key)
    try {
      const counted = await this.redis.eval(
        SLIDING_WINDOW,
        1,
        `weft:tiles:rate:${key}`,
        WINDOW_MS,
        this.perMinute,
        randomBytes(8).toString('base64url'),
      )
      return counted === 1
    } catch (error) {
      this.onFallback(error)
      return this.fallback.allow(key)
    }
  }
}
