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
 *
 * The updates travel as **one** bytea parameter (all of them back to back, which pg sends in
 * binary) plus their lengths, and are cut apart in SQL: a `bytea[]` parameter would be sent as
 * text, every byte hex-escaped in JavaScript, which was the next largest cost of this write.
 * Times travel as epoch milliseconds for the same reason (no per-row date formatting).
 *
 * The same statement keeps the documents' metadata current (docs/documents-api.md): a document
 * first seen gets its kind and, as owner, the user of its first logged edit; "last edited at/by"
 * moves forward at most once per TOUCH_EVERY_SECONDS per document, so a fast writer does not
 * rewrite the documents row on every batch. An edit to a code file also touches its project.
 */
const TOUCH_EVERY_SECONDS = 5

const APPEND = `
WITH batch AS (
  SELECT * FROM unnest($1::text[], $2::text[], $4::int4[], $5::int4[], $6::text[], $7::text[], $8::text[], $9::float8[])
    AS b(document_name, update_key, start_at, byte_length, user_id, user_name, node_id, received_ms)
),
touched AS (
  SELECT DISTINCT ON (name) name, user_id, user_name, received_ms FROM (
    SELECT document_name AS name, user_id, user_name, received_ms FROM batch
    UNION ALL
    SELECT split_part(document_name, '/', 1), user_id, user_name, received_ms FROM batch
      WHERE strpos(document_name, '/') > 0
  ) t
  ORDER BY name, (user_id IS NULL), received_ms DESC
),
new_documents AS (
  INSERT INTO documents (name, kind, owner_id, owner_name, updated_at, updated_by_id, updated_by_name)
  SELECT name, split_part(name, ':', 1), user_id, user_name, to_timestamp(received_ms / 1000.0), user_id, user_name
  FROM touched ORDER BY name
  ON CONFLICT (name) DO NOTHING
),
-- A plain UPDATE whose condition is false locks nothing (an upsert's DO UPDATE locks the row
-- even when its WHERE skips it), so batches within the interval cost no row lock.
touched_documents AS (
  UPDATE documents d
  SET updated_at = to_timestamp(t.received_ms / 1000.0), updated_by_id = t.user_id,
      updated_by_name = t.user_name, owner_id = coalesce(d.owner_id, t.user_id),
      owner_name = coalesce(d.owner_name, t.user_name), kind = coalesce(d.kind, split_part(t.name, ':', 1))
  FROM touched t
  WHERE d.name = t.name
    AND (d.updated_at IS NULL
         OR d.updated_at < to_timestamp(t.received_ms / 1000.0) - interval '${TOUCH_EVERY_SECONDS} seconds')
)
INSERT INTO document_updates (document_name, update_key, "update", user_id, user_name, node_id, received_at)
SELECT document_name, update_key, substring($3::bytea FROM start_at FOR byte_length),
       user_id, user_name, node_id, to_timestamp(received_ms / 1000.0)
FROM batch
ON CONFLICT (update_key) DO NOTHING`

export async function appendUpdates(sql: SqlExecutor, batch: LoggedUpdate[]): Promise<void> {
  if (batch.length === 0) return
  const starts: number[] = []
  const lengths: number[] = []
  let total = 0
  for (const row of batch) {
    starts.push(total + 1) // SQL substring positions count from 1
    lengths.push(row.update.byteLength)
    total += row.update.byteLength
  }
  const updates = Buffer.allocUnsafe(total)
  let offset = 0
  for (const row of batch) {
    updates.set(row.update, offset)
    offset += row.update.byteLength
  }
  await sql.query(APPEND, [
    batch.map((row) => row.documentName),
    batch.map((row) => row.updateKey),
    updates,
    starts,
    lengths,
    batch.map((row) => row.userId),
    batch.map((row) => row.userName),
    batch.map((row) => row.nodeId),
    batch.map((row) => row.receivedAt.getTime()),
  ])
}
