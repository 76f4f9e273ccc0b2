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
 * The latest snapshot read with plain SQL rather than Prisma (decision 0186), as raw bytes where
 * the executor can (pg's binary COPY, decision 0201), else as base64 text. Prisma's driver
 * adapter turns a bytea into base64 for its query engine and back, two more passes and copies
 * over a snapshot of tens of megabytes on a first sync's path. Without COPY, base64 text:
 * `pg` can only receive a bytea as text (its binary result format decodes every field as UTF-8),
 * and base64 is two thirds of the hex form's size. For 24.5 MB the base64 read cost the node
 * 0.18–0.65 CPU s and Postgres 0.42–0.64 s, the COPY 0.14–0.37 s and 0.12–0.20 s; the decode
 * itself is about 10 ms of that (`node bench/src/coldLoadRead.ts`, docs/benchmarks.md).
 */
async function latestSnapshot(
  sql: SqlExecutor,
  documentName: string,
): Promise<(StoredSnapshot & { id: bigint }) | null> {
  if (sql.readBytes) {
    // Raw bytes through a binary COPY (decision 0201). COPY binds no parameters, so the row is
    // found first and then named by its id, a number from the database, never the name.
    const [head] = await sql.query<{ id: string; encoding: number }>(
      `SELECT id::text AS id, encoding FROM snapshots
       WHERE document_name = $1 ORDER BY id DESC LIMIT 1`,
      [documentName],
    )
    if (!head) return null
    if (!/^\d+$/.test(head.id)) throw new Error(`unexpected snapshot id ${head.id}`)
    const state = await sql.readBytes(`SELECT state FROM snapshots WHERE id = ${head.id}`)
    if (state) return { id: BigInt(head.id), state, encoding: head.encoding }
    // Removed by retention between the two reads: the query below finds the latest one now.
  }
  const [row] = await sql.query<{ id: string; state: string; encoding: number }>(
    `SELECT id::text AS id, encode(state, 'base64') AS state, encoding FROM snapshots
     WHERE document_name = $1 ORDER BY id DESC LIMIT 1`,
    [documentName],
  )
  // Postgres breaks base64 into lines of 76 characters; Node's decoder skips the line breaks.
  return row
    ? { id: BigInt(row.id), state: Buffer.from(row.state, 'base64'), encoding: row.encoding }
    : null
}

/** The durable state folded into one V1 update (null when the database has never seen it). */
export async function loadDocumentState(
  prisma: PrismaClient,
  documentName: string,
): Promise<Uint8Array | null> {
  const stored = await readDocumentState(prisma, documentName)
  return stored ? foldState(stored.snapshot, stored.rows) : null
}
