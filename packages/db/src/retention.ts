import type { PrismaClient } from '../generated/prisma/client.ts'

/**
 * Drops history older than `cutoff`: log rows already absorbed into a snapshot, then snapshots
 * that no row references and that are not their document's latest. Uncompacted rows are never
 * dropped: they are still part of the document.
 */
export async function pruneHistory(
  prisma: PrismaClient,
  cutoff: Date,
): Promise<{ rows: number; snapshots: number }> {
  const rows = await prisma.documentUpdate.deleteMany({
    where: { receivedAt: { lt: cutoff }, snapshotId: { not: null } },
  })
  const snapshots = await prisma.$executeRaw`
    DELETE FROM snapshots s
    WHERE s.created_at < ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM document_updates u WHERE u.snapshot_id = s.id)
      AND s.id < (SELECT max(id) FROM snapshots l WHERE l.document_name = s.document_name)`
  return { rows: rows.count, snapshots }
}
