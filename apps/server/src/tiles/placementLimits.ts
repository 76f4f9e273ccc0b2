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
import type { RedisConnection } from '@weft/redis'

export interface PlacementLimiter {
  /** Placements a user may make per minute on one board. */
  readonly perMinute: number
  /** Counts a placement for `key` (user + board) if the window has room; false when it has not. */
  allow(key: string): Promise<boolean>
}

const WINDOW_MS = 60_000

/** One node's own window (also the fallback of the Redis one). */
export class LocalPlacementWindow implements PlacementLimiter {
  readonly perMinute: number
  private readonly recent = new Map<string, number[]>()
  private lastSweep = 0

  constructor(perMinute: number) {
    this.perMinute = perMinute
  }

  async allow(key: string): Promise<boolean> {
    const now = Date.now()
    const times = (this.recent.get(key) ?? []).filter((at) => now - at < WINDOW_MS)
    const ok = times.length < this.perMinute
    if (ok) times.push(now)
    this.recent.set(key, times)
    // Forget users whose window emptied, so the map stays as small as the active users: once
    // a window, not on every placement.
    if (now - this.lastSweep >= WINDOW_MS) {
      this.lastSweep = now
      for (const [k, t] of this.recent)
        if (t.every((at) => now - at >= WINDOW_MS)) this.recent.delete(k)
    }
    return ok
  }
}

/**
 * KEYS[1]: the window (a sorted set of placements scored by time); the script touches no other
 * key, so on a Redis Cluster it runs on the node that owns that key's slot. ARGV: window ms, limit, a
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

/** The script as a command of the connection: ioredis sends it by its hash (EVALSHA). */
type WithPlacementScript = RedisConnection & {
  weftTilePlace(key: string, windowMs: number, limit: number, member: string): Promise<number>
}

export class RedisPlacementWindow implements PlacementLimiter {
  private readonly redis: WithPlacementScript
  readonly perMinute: number
  private readonly fallback: LocalPlacementWindow
  private readonly onFallback: (error: unknown) => void

  constructor(options: {
    redis: RedisConnection
    perMinute: number
    onFallback: (error: unknown) => void
  }) {
    options.redis.defineCommand('weftTilePlace', { numberOfKeys: 1, lua: SLIDING_WINDOW })
    this.redis = options.redis as WithPlacementScript
    this.perMinute = options.perMinute
    this.fallback = new LocalPlacementWindow(options.perMinute)
    this.onFallback = options.onFallback
  }

  async allow(key: string): Promise<boolean> {
    if (this.redis.status !== 'ready') return this.fallback.allow(key)
    try {
      const counted = await this.redis.weftTilePlace(
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
