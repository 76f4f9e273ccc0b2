/**
 * Revoking a share link ends the access it gave on this node at once: every document connection
 * authenticated with a token minted from that link is closed (the client's reconnect is then
 * refused with 4403 by AccessControl). Other nodes refuse new connections from it within
 * ShareLinks' cache time; their open connections end with their socket.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import type { ConnectionContext } from '../context.ts'
import { CloseCodes } from '../refusals.ts'

export function closeShareConnections(hocuspocus: Hocuspocus, shareId: string): number {
  let closed = 0
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      if ((connection.context as ConnectionContext).share !== shareId) continue
      connection.close({ code: CloseCodes.forbidden, reason: 'forbidden: share link revoked' })
      closed++
    }
  }
  return closed
}
