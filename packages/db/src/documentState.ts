import type { PrismaClient } from '../generated/prisma/client.ts'
import { foldState, type StoredSnapshot } from './snapshotEncoding.ts'

/**
 * What the database holds of a document: its latest snapshot and the log rows not in it. A node
 * loading it applies both straight into its document (`applyState`: one parse of the snapshot);
 * `loadDocumentState` folds them into one update for callers that need bytes.
 */
export interface StoredState {
  snapshot: StoredSnapshot | null
  rows: Uint8Array[]
}

/**
 * A document's durable state: the latest snapshot plus every log row not contained in it. Null
 * when the database has never seen the document.
 *
 * The two reads are not one snapshot of the database, and a compaction may commit between them.
 * So the rows are read relative to the snapshot actually read: those not compacted yet, and
 * those compacted into a later snapshot. Reading "uncompacted rows" alone would miss the rows a
 * concurrent compaction just absorbed into a snapshot this load never saw (a new node would load
 * an empty document while another node compacts it on unload).
 */
export async function readDocumentState(
  prisma: PrismaClient,
  documentName: string,
): Promise<StoredState | null> {
  const snapshot = await prisma.snapshot.findFirst({
    where: { documentName },
    orderBy: { id: 'desc' },
    select: { id: true, state: true, encoding: true },
  })
  const rows = await prisma.documentUpdate.findMany({
    where: snapshot
      ? { documentName, OR: [{ snapshotId: null }, { snapshotId: { gt: snapshot.id } }] }
      : { documentName },
    orderBy: { id: 'asc' },
    select: { update: true },
  })
  if (!snapshot && rows.length === 0) return null
  return { snapshot, rows: rows.map((row) => row.update) }
}

/** The durable state folded into one V1 update (null when the database has never seen it). */
export async function loadDocumentState(
  prisma: PrismaClient,
  documentName: string,
): Promise<Uint8Array | null> {
  const stored = await readDocumentState(prisma, documentName)
  return stored ? foldState(stored.snapshot, stored.rows) : null
}
