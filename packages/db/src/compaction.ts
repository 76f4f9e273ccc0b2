import type { PrismaClient } from '../generated/prisma/client.ts'
import { foldSnapshot, type SnapshotFold } from './snapshotEncoding.ts'

/** Rows folded into one snapshot at most, so one compaction never holds a huge transaction. */
const MAX_ROWS_PER_RUN = 5_000

export interface CompactionResult {
  snapshotId: bigint | null
  compactedRows: number
}

/**
 * Folds the previous snapshot and the oldest uncompacted log rows into a new snapshot and marks
 * those rows as absorbed. Works only from what is in the database (never from a node's memory,
 * which may lack another node's updates while Redis is down), and serialises per document with
 * a transaction-scoped advisory lock, so any node may run it at any time. `fold` does the CPU
 * part (inline by default; the server passes a worker thread's, decision 0196).
 */
export async function compactDocument(
  prisma: PrismaClient,
  documentName: string,
  nodeId: string,
  fold: SnapshotFold = foldSnapshot,
): Promise<CompactionResult> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${`compact:${documentName}`}))::text`
      const rows = await tx.documentUpdate.findMany({
        where: { documentName, snapshotId: null },
        orderBy: { id: 'asc' },
        take: MAX_ROWS_PER_RUN,
        select: { id: true, update: true },
      })
      if (rows.length === 0) return { snapshotId: null, compactedRows: 0 }
      const previous = await tx.snapshot.findFirst({
        where: { documentName },
        orderBy: { id: 'desc' },
        select: { state: true, encoding: true },
      })
      const { state, encoding } = await fold(
        previous,
        rows.map((row) => row.update),
      )
      const snapshot = await tx.snapshot.create({
        data: {
          documentName,
          state: new Uint8Array(state),
          encoding,
          updateCount: rows.length,
          nodeId,
        },
        select: { id: true },
      })
      await tx.documentUpdate.updateMany({
        where: { id: { in: rows.map((row) => row.id) } },
        data: { snapshotId: snapshot.id },
      })
      return { snapshotId: snapshot.id, compactedRows: rows.length }
    },
    { timeout: 60_000, maxWait: 10_000 },
  )
}

/** Compacts until no uncompacted rows remain (a document that piled up while a node was busy). */
export async function compactFully(
  prisma: PrismaClient,
  documentName: string,
  nodeId: string,
  fold: SnapshotFold = foldSnapshot,
): Promise<number> {
  let total = 0
  for (;;) {
    const { compactedRows } = await compactDocument(prisma, documentName, nodeId, fold)
    total += compactedRows
    if (compactedRows < MAX_ROWS_PER_RUN) return total
  }
}
