/**
 * Ends the access a revoked (or expired) share link gave on this node: the socket of every
 * document connection authenticated with a token minted from that link is closed with 4403, so
 * the app says "no access … the share link was turned off" (its reconnect is refused with 4403
 * by AccessControl). A socket carries the documents of one app page, all opened with the same
 * token, so nothing else is cut off. The revoking node calls it at once; the others from their
 * ShareSweeper pass.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import type { ConnectionContext } from '../context.ts'
import { CloseCodes } from '../refusals.ts'

const REASON = 'forbidden: the share link was revoked or has expired'

export function closeShareConnections(hocuspocus: Hocuspocus, shareId: string): number {
  let closed = 0
  for (const document of hocuspocus.documents.values()) {
    for (const connection of document.getConnections()) {
      const context = connection.context as ConnectionContext
      if (context.share !== shareId) continue
      if (context.transport) context.transport.close(CloseCodes.forbidden, REASON)
      else connection.close({ code: CloseCodes.forbidden, reason: REASON })
      closed++
    }
  }
  return closed
}
