/**
 * A token bucket that may go into debt: a message larger than what is left still passes (a
 * paste up to MAX_MESSAGE_BYTES must get through), and the debt says how long the sender must
 * wait before the next one is read.
 */
/** The default clock, one for every bucket (a bound `performance.now` per bucket is 2 per socket). */
const monotonicNow = () => performance.now()

export class TokenBucket {
  private tokens: number
  private refilledAt: number
  private readonly perSecond: number
  private readonly capacity: number
  private readonly now: () => number

  constructor(perSecond: number, capacity: number, now: () => number = monotonicNow) {
    this.perSecond = perSecond
    this.capacity = capacity
    this.tokens = capacity
    this.now = now
    this.refilledAt = now()
  }

  /** Spends `amount`; returns how many ms until the bucket is out of debt (0: none). */
  take(amount: number): number {
    const now = this.now()
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond,
    )
    this.refilledAt = now
    this.tokens -= amount
    return this.tokens >= 0 ? 0 : (-this.tokens / this.perSecond) * 1000
  }
}
