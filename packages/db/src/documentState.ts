import * as Y from 'yjs'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { applySnapshot, foldState } from './snapshotEncoding.ts'

/** What the database holds of a document: its latest snapshot and the log rows not in it. */
export interface StoredState {
  snapshot: { state: Uint8Array; encoding: number } | null
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

/**
 * Applies stored state (and updates not yet stored) straight into a document, in one
 * transaction: the snapshot is parsed once, in whatever encoding it has. (Folding it into an
 * update first and applying that, as a `fetch` returning bytes must, parses a large document
 * twice and encodes it once in between: scenario 6 of docs/benchmarks.md.)
 */
export function applyStoredState(
  doc: Y.Doc,
  stored: StoredState | null,
  pending: readonly Uint8Array[] = [],
): void {
  doc.transact(() => {
    if (stored?.snapshot) applySnapshot(doc, stored.snapshot.state, stored.snapshot.encoding)
    for (const row of stored?.rows ?? []) Y.applyUpdate(doc, row)
    for (const update of pending) Y.applyUpdate(doc, update)
  })
}
