/** What a connection carries through Hocuspocus hooks after authentication. */
import type { Access } from '@weft/protocol'
import type { SendAhead } from './websocket/firstSyncAhead.ts'

export interface ConnectionUser {
  id: string
  /** The user's chosen display name (GET|PUT /api/me), else the token's `name`, else `sub`. */
  name: string
  /** The user's chosen colour (`#rrggbb`), when they chose one. */
  color?: string
}

/**
 * The socket a document connection arrived on. Hocuspocus multiplexes documents over one
 * socket and reports a refusal as a message; the contract also asks for the 4401/4403 close
 * code, which is safe to send only when no other document is open on that socket.
 */
export interface SocketTransport {
  /** Closes the socket with `code` unless another document is established on it. */
  refuse(code: number, reason: string): void
  /** Closes the socket, whatever else it carries (the client broke the protocol). */
  close(code: number, reason: string): void
  /** A first sync of a large document sent before the node parsed it (decision 0166); absent: never. */
  sendAhead?: SendAhead
}

/**
 * One WebSocket's standing against the node's limits. Hocuspocus copies the context per document
 * (shallowly), so every document on the socket shares this object.
 */
export interface SocketState {
  /** The client's address (clientAddress.ts): the key of per-source limits. */
  source: string
  /** Documents authenticated on this socket and not yet closed. */
  documents: Set<string>
  /** The user this socket counts against (MAX_CONNECTIONS_PER_USER), once one authenticated. */
  userId?: string | undefined
  /** Told when a document was admitted: AUTH_TIMEOUT_MS no longer applies to this socket. */
  authenticated?(): void
}

export interface ConnectionContext {
  transport?: SocketTransport
  socket?: SocketState
  user?: ConnectionUser
  access?: Access
  /** The share link the connection's token was minted from (closed when it is revoked). */
  share?: string
}
