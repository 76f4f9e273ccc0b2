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
import type { Corkable } from '../libraryInternals/ws.ts'

const corked = new WeakSet<Corkable>()

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
