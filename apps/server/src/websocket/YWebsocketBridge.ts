/**
 * The y-websocket compatibility endpoint (`/yjs/<documentName>?token=…`).
 *
 * A y-websocket client speaks the Yjs sync protocol for one document without the document-name
 * prefix and authentication round of the Hocuspocus protocol. This bridge stands between that
 * socket and a Hocuspocus ClientConnection: it authenticates on the client's behalf with the
 * token from the query string, adds the name to what the client sends and strips it (and the
 * Hocuspocus-only messages) from what goes back, so both kinds of client edit the same document
 * through the same hooks, access control and update log.
 */
import { writeAuthentication } from '@hocuspocus/common'
import { MessageType as HP, type WebSocketLike } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** y-websocket message types (its own module's constants; y-protocols does not export them). */
const YWS = { Sync: 0, Awareness: 1, QueryAwareness: 3 } as const

export function authMessage(documentName: string, token: string): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeVarUint(encoder, HP.Auth)
  writeAuthentication(encoder, token)
  return encoding.toUint8Array(encoder)
}

/** A y-websocket frame as the Hocuspocus protocol carries it. */
export function toHocuspocus(documentName: string, frame: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, documentName)
  encoding.writeUint8Array(encoder, frame)
  return encoding.toUint8Array(encoder)
}

/** A Hocuspocus frame as a y-websocket client understands it, or null when it has no equivalent. */
export function toYWebsocket(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarString(decoder)
  const type = decoding.readVarUint(decoder)
  const rest = decoding.readTailAsUint8Array(decoder)
  const mapped =
    type === HP.Sync || type === HP.SyncReply
      ? YWS.Sync
      : type === HP.Awareness
        ? YWS.Awareness
        : type === HP.QueryAwareness
          ? YWS.QueryAwareness
          : null
  if (mapped === null) return null
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, mapped)
  encoding.writeUint8Array(encoder, rest)
  return encoding.toUint8Array(encoder)
}

/** Wraps the client's socket so Hocuspocus's replies are translated on the way out. */
export function bridgeSocket(socket: WebSocketLike): WebSocketLike {
  return {
    get readyState() {
      return socket.readyState
    },
    send(data) {
      const frame = toYWebsocket(
        data instanceof Uint8Array ? data : new Uint8Array(data as ArrayBuffer),
      )
      if (frame) socket.send(frame)
    },
    close(code, reason) {
      socket.close(code, reason)
    },
  }
}
