/**
 * Lets one event per key through per window and counts the rest, so a flood of refusals from
 * one source costs one log line (or one session-record row) a minute, saying how many it stands
 * for. Bounded like AuthFailureThrottle: past `maxKeys` keys, new keys share one overflow key.
 */
const OVERFLOW = '(overflow)'

export class OncePerWindow {
  private readonly keys = new Map<string, { since: number; suppressed: number }>()
  private readonly windowMs: number
  private readonly maxKeys: number
  private readonly now: () => number
  private sweptAt: number

  constructor(options: { windowMs?: number; maxKeys?: number; now?: () => number } = {}) {
    this.windowMs = options.windowMs ?? 60_000
    this.maxKeys = options.maxKeys ?? 10_000
    this.now = options.now ?? Date.now
    this.sweptAt = this.now()
  }

  /** Null: suppressed this time. Otherwise how many were suppressed since the last one let through. */
  pass(key: string): { suppressed: number } | null {
    const now = this.now()
    this.sweep(now)
    const id = this.keys.has(key) || this.keys.size < this.maxKeys ? key : OVERFLOW
    const entry = this.keys.get(id)
    if (entry && now - entry.since < this.windowMs) {
      entry.suppressed += 1
      return null
    }
    this.keys.set(id, { since: now, suppressed: 0 })
    return { suppressed: entry?.suppressed ?? 0 }
  }

  private sweep(now: number) {
    if (now - this.sweptAt < this.windowMs) return
    this.sweptAt = now
    for (const [key, entry] of this.keys) {
      if (now - entry.since >= this.windowMs && entry.suppressed === 0) this.keys.delete(key)
    }
  }
}
