/**
 * Ends, on every node, the connections a revoked or expired share link opened: every few seconds
 * the node asks the database which of the links its connections came from are no longer live
 * (one query for all of them) and closes those connections (closeShareConnections). The node
 * that revokes a link closes its own at once; this reaches the other nodes within SWEEP_MS.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import { deadShares, type PrismaClient } from '@weft/db'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import { closeShareConnections } from './closeShareConnections.ts'
import type { ShareLinks } from './ShareLinks.ts'

const SWEEP_MS = 5_000

export class ShareSweeper {
  private readonly options: {
    hocuspocus: Hocuspocus
    prisma: PrismaClient
    links: ShareLinks
    logger: Logger
  }
  private timer: NodeJS.Timeout | undefined

  constructor(options: ShareSweeper['options']) {
    this.options = options
  }

  start(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** One pass; returns how many connections it closed. A failed read is retried next pass. */
  async sweep(): Promise<number> {
    const shares = new Set<string>()
    for (const document of this.options.hocuspocus.documents.values())
      for (const connection of document.getConnections()) {
        const share = (connection.context as ConnectionContext).share
        if (share) shares.add(share)
      }
    if (shares.size === 0) return 0
    try {
      let closed = 0
      for (const id of await deadShares(this.options.prisma, [...shares])) {
        this.options.links.forget(id)
        closed += closeShareConnections(this.options.hocuspocus, id)
      }
      return closed
    } catch (error) {
      this.options.logger.debug({ err: error }, 'cannot check share links now; retrying')
      return 0
    }
  }
}
