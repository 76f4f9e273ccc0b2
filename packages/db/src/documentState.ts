import type { PrismaClient } from '../generated/prisma/client.ts'
import type { SqlExecutor } from './SqlExecutor.ts'
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
  /** When given, the snapshot is read through it (see latestSnapshot). */
  sql?: SqlExecutor,
): Promise<StoredState | null> {
  const snapshot = sql
    ? await latestSnapshot(sql, documentName)
    : await prisma.snapshot.findFirst({
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

/**
 * The latest snapshot read with plain SQL rather than Prisma (decision 0186): `pg` hands a bytea
 * over as a Buffer, where Prisma's driver adapter turns it into base64 for its query engine and
 * back, two more passes and copies over a snapshot of tens of megabytes on a first sync's path.
 */
async function latestSnapshot(
  sql: SqlExecutor,
  documentName: string,
): Promise<(StoredSnapshot & { id: bigint }) | null> {
  const [row] = await sql.query<{ id: string; state: Uint8Array; encoding: number }>(
    `SELECT id::text AS id, state, encoding FROM snapshots
     WHERE document_name = $1 ORDER BY id DESC LIMIT 1`,
    [documentName],
  )
  return row ? { id: BigInt(row.id), state: row.state, encoding: row.encoding } : null
}

/** The durable state folded into one V1 update (null when the database has never seen it). */
export async function loadDocumentState(
  prisma: PrismaClient,
  documentName: string,
): Promise<Uint8Array | null> {
  const stored = await readDocumentState(prisma, documentName)
  return stored ? foldState(stored.snapshot, stored.rows) : null
}
