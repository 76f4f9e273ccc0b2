import type { SqlExecutor } from './SqlExecutor.ts'

/** One client update as the receiving node logs it. */
export interface LoggedUpdate {
  documentName: string
  /** Unique per update across the fleet; a retried batch inserts nothing twice. */
  updateKey: string
  update: Uint8Array
  userId: string | null
  userName: string | null
  nodeId: string
  receivedAt: Date
}

/**
 * Appends a batch as one statement: the documents the log references, then the rows, both with
 * ON CONFLICT DO NOTHING, so retrying a batch whose commit was not acknowledged keeps each update
 * exactly once. Plain SQL over arrays rather than Prisma's createMany: this is the node's hottest
 * write, and Prisma's per-row query building was a sixth of the node's CPU under a fast writer
 * (docs/benchmarks.md).
 */
const APPEND = `
WITH new_documents AS (
  INSERT INTO documents (name) SELECT DISTINCT unnest($1::text[]) ON CONFLICT DO NOTHING
)
INSERT INTO document_updates (document_name, update_key, "update", user_id, user_name, node_id, received_at)
SELECT * FROM unnest($1::text[], $2::text[], $3::bytea[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
ON CONFLICT (update_key) DO NOTHING`

export async function appendUpdates(sql: SqlExecutor, batch: LoggedUpdate[]): Promise<void> {
  if (batch.length === 0) return
  await sql.query(APPEND, [
    batch.map((row) => row.documentName),
    batch.map((row) => row.updateKey),
    // pg encodes Buffers (not plain Uint8Arrays) as bytea; the view shares the memory.
    batch.map((row) =>
      Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength),
    ),
    batch.map((row) => row.userId),
    batch.map((row) => row.userName),
    batch.map((row) => row.nodeId),
    batch.map((row) => row.receivedAt),
  ])
}
