import type { PrismaClient } from '../generated/prisma/client.ts'
import { foldState } from './snapshotEncoding.ts'

/**
 * A document's durable state: the latest snapshot plus every log row not yet compacted into it,
 * merged into one update. Null when the database has never seen the document.
 */
export async function loadDocumentState(
  prisma: PrismaClient,
  documentName: string,
): Promise<Uint8Array | null> {
  const [snapshot, rows] = await Promise.all([
    prisma.snapshot.findFirst({
      where: { documentName },
      orderBy: { id: 'desc' },
      select: { state: true, encoding: true },
    }),
    prisma.documentUpdate.findMany({
      where: { documentName, snapshotId: null },
      orderBy: { id: 'asc' },
      select: { update: true },
    }),
  ])
  if (!snapshot && rows.length === 0) return null
  return foldState(
    snapshot,
    rows.map((row) => row.update),
  )
}
