/**
 * API_REQUESTS_PER_MINUTE per caller (the token's user, or the source address without one) on
 * this node: a token bucket per caller, refilled continuously, holding at most a minute's worth.
 * Buckets of callers idle for a minute are full again and are dropped, so the map stays as large
 * as the set of recent callers.
 */
export class RequestRate {
  private readonly perMinute: number
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly now: () => number
  private sweptAt: number

  constructor(perMinute: number, now: () => number = () => performance.now()) {
    this.perMinute = perMinute
    this.now = now
    this.sweptAt = now()
  }

  /** Takes one request; returns 0 when allowed, else the seconds until the next one is. */
  take(caller: string): number {
    const now = this.now()
    this.sweep(now)
    const bucket = this.buckets.get(caller) ?? { tokens: this.perMinute, at: now }
    bucket.tokens = Math.min(
      this.perMinute,
      bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute,
    )
    bucket.at = now
    this.buckets.set(caller, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.ceil(((1 - bucket.tokens) / this.perMinute) * 60)
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return
    this.sweptAt = now
    for (const [caller, bucket] of this.buckets) {
      if (now - bucket.at >= 60_000) this.buckets.delete(caller)
    }
  }
}
