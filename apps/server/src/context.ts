/** What a connection carries through Hocuspocus hooks after authentication. */
import type { Access } from '@weft/protocol'

export interface ConnectionUser {
  id: string
  name: string
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
}

export interface ConnectionContext {
  transport?: SocketTransport
  user?: ConnectionUser
  access?: Access
}
