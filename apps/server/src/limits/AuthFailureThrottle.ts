/**
 * Failed authentications (bad or missing token) counted per source address; a source that fails
 * `perMinute` times within a minute is banned for `banMs`: its new sockets are refused (HTTP 429)
 * and its sign-ins on open sockets are not even checked. Sockets already authenticated are never
 * touched. Memory is bounded: idle entries are swept, and past `maxSources` new sources are
 * judged by a shared overflow entry rather than stored.
 */
interface SourceRecord {
  windowStart: number
  failures: number
  bannedUntil: number
}

const WINDOW_MS = 60_000
const OVERFLOW = '(overflow)'

export class AuthFailureThrottle {
  private readonly sources = new Map<string, SourceRecord>()
  private readonly perMinute: number
  private readonly banMs: number
  private readonly maxSources: number
  private readonly now: () => number
  private sweptAt: number

  constructor(options: {
    perMinute: number
    banMs: number
    maxSources?: number
    now?: () => number
  }) {
    this.perMinute = options.perMinute
    this.banMs = options.banMs
    this.maxSources = options.maxSources ?? 50_000
    this.now = options.now ?? Date.now
    this.sweptAt = this.now()
  }

  isBanned(source: string): boolean {
    const record = this.sources.get(source) ?? this.sources.get(OVERFLOW)
    return record !== undefined && record.bannedUntil > this.now()
  }

  /** Counts a failure; returns true when it starts a ban. */
  recordFailure(source: string): boolean {
    const now = this.now()
    this.sweep(now)
    let key = source
    if (!this.sources.has(key) && this.sources.size >= this.maxSources) key = OVERFLOW
    let record = this.sources.get(key)
    if (!record || now - record.windowStart >= WINDOW_MS) {
      record = { windowStart: now, failures: 0, bannedUntil: record?.bannedUntil ?? 0 }
      this.sources.set(key, record)
    }
    record.failures += 1
    if (record.failures < this.perMinute || record.bannedUntil > now) return false
    record.bannedUntil = now + this.banMs
    return true
  }

  get size(): number {
    return this.sources.size
  }

  private sweep(now: number) {
    if (now - this.sweptAt < WINDOW_MS) return
    this.sweptAt = now
    for (const [source, record] of this.sources) {
      if (now - record.windowStart >= WINDOW_MS && record.bannedUntil <= now) {
        this.sources.delete(source)
      }
    }
  }
}
