/**
 * Every use of `ws` internals, in one place: crossws hands its Node adapter's peers a `ws`
 * WebSocket (crossws 0.4.17, ws 8), whose TCP socket is the private `_socket`. Corking it per
 * turn (websocket/corkPerTurn.ts, docs/decisions/0005) needs that socket. ws.test.ts fails when
 * an upgrade of either library changes it.
 */

/** The part of `net.Socket` corking needs. */
export interface Corkable {
  cork(): void
  uncork(): void
  destroyed?: boolean
}

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
 * Sends `data` on a `ws` WebSocket and resolves once it has been handed to the TCP socket (ws
 * calls back then), or at once when the socket cannot send.
 */
export function sendAndWait(websocket: unknown, data: Uint8Array): Promise<void> {
  const ws = websocket as { send?: (data: Uint8Array, callback: () => void) => void }
  return new Promise((resolve) => {
    if (typeof ws?.send !== 'function') return resolve()
    try {
      ws.send(data, () => resolve())
    } catch {
      resolve()
    }
  })
}
