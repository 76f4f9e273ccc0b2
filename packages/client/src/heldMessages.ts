/**
 * A WebSocket class whose incoming messages wait, in order, until `release()`: the socket opens,
 * authenticates and asks for the document at once, but what the node sends (the first sync of a
 * large document, whose apply blocks the page) is handed to the provider only when the page is
 * ready for it (the Grid: once its first screen is painted, decision 0205). Everything else (open,
 * close, errors, what the page sends) is not held.
 *
 * Messages of a socket that closes while held are dropped with it: the provider's reconnect
 * syncs again by state vectors, as after any lost connection, so nothing the node sent is lost.
 */
type Listener = (event: Event) => void

export type HeldMessages = {
  /** For `WebSocketPolyfill` (HocuspocusProvider): every socket the provider opens holds. */
  WebSocket: typeof WebSocket
  /** Hands the held messages to their listeners, in arrival order, and stops holding. */
  release: () => void
  /** Whether messages are still held. */
  readonly held: boolean
}

export function holdIncomingMessages(
  // Read when called: a page's own WebSocket (a test harness's timing wrapper) is extended too.
  Base: typeof WebSocket = globalThis.WebSocket,
): HeldMessages {
  let held = true
  const open = new Set<{ drain: () => void }>()

  class HeldWebSocket extends Base {
    readonly #queue: [Listener, Event][] = []
    readonly #wrappers = new Map<Listener, Listener>()

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      const entry = { drain: () => this.#drain() }
      open.add(entry)
      super.addEventListener('close', () => {
        this.#queue.length = 0
        open.delete(entry)
      })
    }

    override addEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ): void {
      if (type !== 'message' || typeof listener !== 'function') {
        super.addEventListener(type, listener, options)
        return
      }
      const wrapper: Listener = (event) => {
        if (held) this.#queue.push([listener, event])
        else listener.call(this, event)
      }
      this.#wrappers.set(listener, wrapper)
      super.addEventListener(type, wrapper, options)
    }

    override removeEventListener(
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | EventListenerOptions,
    ): void {
      const wrapper = typeof listener === 'function' ? this.#wrappers.get(listener) : undefined
      if (type !== 'message' || !wrapper || typeof listener !== 'function') {
        super.removeEventListener(type, listener, options)
        return
      }
      this.#wrappers.delete(listener)
      // A listener removed (its socket cleaned up) gets none of what was held for it.
      for (let i = this.#queue.length - 1; i >= 0; i--)
        if (this.#queue[i]?.[0] === listener) this.#queue.splice(i, 1)
      super.removeEventListener(type, wrapper, options)
    }

    #drain() {
      while (this.#queue.length > 0) {
        const next = this.#queue.shift()
        if (next) next[0].call(this, next[1])
      }
    }
  }

  return {
    WebSocket: HeldWebSocket,
    release: () => {
      if (!held) return
      held = false
      const start = performance.now()
      for (const socket of open) socket.drain()
      // On the page's timeline (User Timing): what the held messages' apply took.
      performance.measure('weft:held-messages-applied', { start, end: performance.now() })
    },
    get held() {
      return held
    },
  }
}
