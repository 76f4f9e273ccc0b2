import type { PrismaClient } from '../generated/prisma/client.ts'

export interface SessionInfo {
  id: string
  documentName: string
  userId: string
  userName: string | null
  nodeId: string
  bootId: string
  openedAt: Date
}

/** What nodes and the presence service record, in the order it happened. */
export type SessionEvent =
  | { kind: 'open'; session: SessionInfo }
  | { kind: 'closed' | 'errored'; session: SessionInfo; at: Date; reason?: string }
  | {
      kind: 'refused'
      eventKey: string
      documentName: string
      userId: string | null
      nodeId: string
      code: number
      reason: string
      at: Date
    }

/**
 * Writes a batch of session events in one transaction. Every statement is idempotent (a retried
 * batch changes nothing twice) and an end never reverts: a late "open" cannot reopen a closed
 * session, and the first end (closed or errored) stays.
 */
export async function recordSessionEvents(
  prisma: PrismaClient,
  events: SessionEvent[],
): Promise<void> {
  if (events.length === 0) return
  await prisma.$transaction(
    events.map((event) => {
      if (event.kind === 'refused') {
        return prisma.$executeRaw`
          INSERT INTO refused_connections (event_key, document_name, user_id, node_id, code, reason, at)
          VALUES (${event.eventKey}, ${event.documentName}, ${event.userId}, ${event.nodeId}, ${event.code}, ${event.reason}, ${event.at})
          ON CONFLICT (event_key) DO NOTHING`
      }
      const s = event.session
      if (event.kind === 'open') {
        return prisma.$executeRaw`
          INSERT INTO sessions (id, document_name, user_id, user_name, node_id, boot_id, status, opened_at)
          VALUES (${s.id}, ${s.documentName}, ${s.userId}, ${s.userName}, ${s.nodeId}, ${s.bootId}, 'open', ${s.openedAt})
          ON CONFLICT (id) DO NOTHING`
      }
      return prisma.$executeRaw`
        INSERT INTO sessions (id, document_name, user_id, user_name, node_id, boot_id, status, reason, opened_at, closed_at)
        VALUES (${s.id}, ${s.documentName}, ${s.userId}, ${s.userName}, ${s.nodeId}, ${s.bootId}, ${event.kind}, ${event.reason ?? null}, ${s.openedAt}, ${event.at})
        ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, closed_at = EXCLUDED.closed_at
        WHERE sessions.status = 'open'`
    }),
  )
}

/** Errors every session of a node boot still open (the node died before closing them). */
export async function errorOpenSessions(
  prisma: PrismaClient,
  nodeId: string,
  bootId: string,
  reason: string,
  at: Date,
): Promise<number> {
  return prisma.$executeRaw`
    UPDATE sessions SET status = 'errored', reason = ${reason}, closed_at = ${at}
    WHERE node_id = ${nodeId} AND boot_id = ${bootId} AND status = 'open'`
}
