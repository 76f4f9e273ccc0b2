/**
 * Coalesces a socket's writes per event-loop turn.
 *
 * Hocuspocus answers every update a client sends with its own frame (the SyncStatus ack), and
 * `ws` writes each frame to the TCP socket at once: a client typing fast — or replaying a trace —
 * costs one `writev` system call per keystroke, which was the largest single item in the writer's
 * node's CPU profile (docs/benchmarks.md). Corking the socket when a turn first writes to it and
 * uncorking it once the turn's I/O callbacks are done sends everything of that turn in one write;
 * frames and their order are unchanged, only their grouping into system calls.
 */

/** The part of `net.Socket` this needs (`ws` keeps it as the WebSocket's `_socket`). */
interface Corkable {
  cork(): void
  uncork(): void
  destroyed?: boolean
}

const corked = new WeakSet<Corkable>()

function isCorkable(value: unknown): value is Corkable {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Corkable).cork === 'function' &&
    typeof (value as Corkable).uncork === 'function'
  )
}

/** The TCP socket under a `ws` WebSocket (or a proxy of one), when it has one. */
export function tcpSocketOf(websocket: unknown): Corkable | null {
  const socket = (websocket as { _socket?: unknown } | null)?._socket
  return isCorkable(socket) ? socket : null
}

/**
 * Holds the socket's writes until `setImmediate`, i.e. after this turn's callbacks and
 * microtasks (where Hocuspocus sends its replies), then sends them together. Idempotent within
 * a turn.
 */
export function corkUntilNextTurn(socket: Corkable | null): void {
  if (!socket || corked.has(socket) || socket.destroyed) return
  corked.add(socket)
  socket.cork()
  setImmediate(() => {
    corked.delete(socket)
    socket.uncork()
  })
}
