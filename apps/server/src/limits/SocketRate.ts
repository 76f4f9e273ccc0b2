/**
 * The per-socket rate limit: two token buckets (messages and bytes). A socket over either stops
 * being read (its WebSocket is paused, so the kernel's TCP window pushes back on the sender) until
 * its debt is repaid; one that stays over the limit for `floodCloseAfterMs` without a break is
 * closed. Other sockets are never paused, so their edits keep propagating while one floods.
 * Both buckets are numbers on this object, refilled together (every message spends from both):
 * at 10,000 idle sockets on one node (scenario 4) two bucket objects per socket were 0.2 KB.
 */
import { debtMs, spend } from './TokenBucket.ts'

const RUN_BREAK_MS = 1_000

export interface RateSettings {
  messagesPerSecond: number
  messagesBurst: number
  bytesPerSecond: number
  bytesBurst: number
  floodCloseAfterMs: number
}

/** Told when a socket stayed over the limit for `floodCloseAfterMs`. */
export interface FloodListener {
  flooded(): void
}

export interface Pausable {
  pause(): unknown
  resume(): unknown
}

export class SocketRate {
  private messages: number
  private bytes: number
  /** When both buckets were last refilled (performance.now). */
  private refilledAt: number
  private readonly settings: RateSettings
  private readonly tcp: Pausable | null
  private readonly onFlood: FloodListener
  private resumeTimer: ReturnType<typeof setTimeout> | undefined
  /** When a message last arrived over the limit. */
  private overAt = 0
  /** Set while an unbroken run over the limit lasts: it closes the socket when it fires. */
  private floodTimer: ReturnType<typeof setTimeout> | undefined
  private ended = false

  constructor(settings: RateSettings, tcp: Pausable | null, onFlood: FloodListener) {
    this.settings = settings
    this.messages = settings.messagesBurst
    this.bytes = settings.bytesBurst
    this.refilledAt = performance.now()
    this.tcp = tcp
    this.onFlood = onFlood
  }

  /** Counts one received message; returns false once the socket is to be closed for flooding. */
  received(size: number): boolean {
    if (this.ended) return false
    const { settings } = this
    const now = performance.now()
    const elapsed = now - this.refilledAt
    this.refilledAt = now
    this.messages = spend(
      this.messages,
      1,
      elapsed,
      settings.messagesPerSecond,
      settings.messagesBurst,
    )
    this.bytes = spend(this.bytes, size, elapsed, settings.bytesPerSecond, settings.bytesBurst)
    const wait = Math.max(
      debtMs(this.messages, settings.messagesPerSecond),
      debtMs(this.bytes, settings.bytesPerSecond),
    )
    if (wait === 0) {
      // Right after a pause the bucket is just out of debt, so a flooder's next message passes:
      // the run ends only after a full second without going over.
      if (now - this.overAt > RUN_BREAK_MS) {
        clearTimeout(this.floodTimer)
        this.floodTimer = undefined
      }
      return true
    }
    this.overAt = now
    // The deadline runs while the socket is paused too: a flooder is closed on time, not when
    // its buffered backlog has been read.
    this.floodTimer ??= setTimeout(() => {
      if (this.ended) return
      this.end()
      this.onFlood.flooded()
    }, this.settings.floodCloseAfterMs)
    this.holdBack(wait)
    return true
  }

  /** Stops reading until the debt is repaid; messages already buffered still arrive (and count). */
  private holdBack(waitMs: number) {
    if (!this.tcp) return
    clearTimeout(this.resumeTimer)
    this.tcp.pause()
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined
      if (!this.ended) this.tcp?.resume()
    }, Math.ceil(waitMs))
  }

  end() {
    this.ended = true
    clearTimeout(this.resumeTimer)
    clearTimeout(this.floodTimer)
  }
}

/**
 * What to pause for a `ws` WebSocket: the WebSocket itself. Pausing its TCP socket directly is
 * undone by ws, which resumes the socket whenever its frame parser drains; `ws.pause()` sets the
 * flag that parser respects.
 */
export function pausableOf(websocket: unknown): Pausable | null {
  const socket = websocket as Partial<Pausable> & { isPaused?: boolean }
  return typeof socket?.pause === 'function' &&
    typeof socket.resume === 'function' &&
    typeof socket.isPaused === 'boolean'
    ? (socket as Pausable)
    : null
}
