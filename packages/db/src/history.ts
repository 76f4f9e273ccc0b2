import type { PrismaClient } from '../generated/prisma/client.ts'
import { foldState } from './snapshotEncoding.ts'

export interface HistoryEntry {
  id: string
  userId: string | null
  userName: string | null
  nodeId: string
  receivedAt: Date
  update: Uint8Array
}

export interface DocumentHistory {
  /** The document state just before the first entry, so a reader can tell "from what" for each edit. */
  base: Uint8Array
  entries: HistoryEntry[]
}

/**
 * The last `limit` logged updates of a document with the state that precedes them. The base is
 * rebuilt from the snapshot chain: rows absorbed into snapshot k sit on top of snapshot k-1.
 *
 * The reads run in one REPEATABLE READ transaction, i.e. on one snapshot of the database: a
 * compaction committing between them would otherwise hand back, as the base, a snapshot that
 * already contains the entries (every "before" value would show the edit itself). The base is
 * folded after it commits, so the Yjs replay does not hold a pooled connection open.
 */
export async function documentHistory(
  prisma: PrismaClient,
  documentName: string,
  limit: number,
): Promise<DocumentHistory> {
  const read = await prisma.$transaction((tx) => readHistory(tx, documentName, limit), {
    isolationLevel: 'RepeatableRead',
  })
  return {
    base: foldState(read.baseSnapshot, read.baseUpdates),
    entries: read.rows.map((row) => ({
      id: row.id.toString(),
      userId: row.userId,
      userName: row.userName,
      nodeId: row.nodeId,
      receivedAt: row.receivedAt,
      update: row.update,
    })),
  }
}

type Reader = Pick<PrismaClient, 'documentUpdate' | 'snapshot'>

/** The rows, and the snapshot and earlier rows their base is folded from. */
async function readHistory(prisma: Reader, documentName: string, limit: number) {
  const newestFirst = await prisma.documentUpdate.findMany({
    where: { documentName },
    orderBy: { id: 'desc' },
    take: limit,
  })
  const rows = newestFirst.reverse()
  const first = rows[0]
  if (!first) return { rows, baseSnapshot: null, baseUpdates: [] }

  const compactedInto = rows.map((row) => row.snapshotId).filter((id): id is bigint => id !== null)
  // bigint ids: Math.min does not apply.
  const oldestSnapshot =
    compactedInto.length > 0
      ? ([...compactedInto].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0] ?? null)
      : null
  const baseSnapshot = await prisma.snapshot.findFirst({
    where: { documentName, ...(oldestSnapshot !== null ? { id: { lt: oldestSnapshot } } : {}) },
    orderBy: { id: 'desc' },
    select: { state: true, encoding: true },
  })
  const baseRows = await prisma.documentUpdate.findMany({
    where: { documentName, id: { lt: first.id }, snapshotId: oldestSnapshot },
    orderBy: { id: 'asc' },
    select: { update: true },
  })
  return { rows, baseSnapshot, baseUpdates: baseRows.map((row) => row.update) }
}
