/**
 * Every use of @hocuspocus/server's private state, in one place. The server is pinned (4.7.0);
 * hocuspocusServer.test.ts fails when an upgrade changes these shapes:
 * - `ClientConnection.documentConnections` (private): the documents established on a socket.
 *   A refusal's 4401/4403 close code may end the socket only when no other document lives on it
 *   (Hocuspocus multiplexes documents over one socket and reports a refusal as a message only).
 */
import type { Hocuspocus } from '@hocuspocus/server'

export type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

/** True when at least one document is established on the socket of `connection`. */
export function hasEstablishedDocuments(connection: ClientConnection | undefined): boolean {
  const established = (
    connection as unknown as { documentConnections?: Record<string, unknown> } | undefined
  )?.documentConnections
  return established !== undefined && Object.keys(established).length > 0
}
