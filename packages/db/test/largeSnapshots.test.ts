// Decision 0186: a snapshot whose V2 encoding reaches 1 MiB is stored in V1, the form a first sync
// sends, and a load reads it with plain SQL. What must hold: the bytes persisted are the whole
// document (a fresh client applying them holds exactly its text), small snapshots keep V2, and
// the SQL read returns exactly the bytes Prisma would.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import * as Y from 'yjs'
import { compactDocument } from '../src/compaction.ts'
import { readDocumentState } from '../src/documentState.ts'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { V1_SNAPSHOT_MIN_BYTES } from '../src/snapshotEncoding.ts'
import { appendUpdates } from '../src/updateLog.ts'
import { anonymousRows } from './anonymousRows.ts'

let postgres: PostgresInstance
let db: Database

before(async () => {
  postgres = await startPostgres()
  db = await openDatabase({ databaseUrl: postgres.url, poolSize: 4 })
  await applyMigrations(db.sql)
})

after(async () => {
  await db?.close()
  await postgres?.destroy()
})

/** `length` characters of text V2 cannot shrink much (pseudo-random base-36 digits). */
function noisyText(length: number, seed: number): string {
  let text = ''
  let x = seed
  while (text.length < length) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    text += x.toString(36)
  }
  return text.slice(0, length)
}

/** Logs a document of `length` characters (two edits, one deleting) and compacts it. */
async function compacted(name: string, length: number): Promise<Y.Doc> {
  const writer = new Y.Doc()
  const updates: Uint8Array[] = []
  writer.on('update', (update: Uint8Array) => updates.push(update))
  writer.getText('text').insert(0, noisyText(length, length))
  writer.getText('text').delete(3, 7)
  await appendUpdates(db.sql, anonymousRows(name, updates))
  const result = await compactDocument(db.prisma, name, 'test')
  assert.equal(result.compactedRows, updates.length)
  return writer
}

async function storedSnapshot(name: string) {
  const [row] = await db.sql.query<{ state: Uint8Array; encoding: number }>(
    'SELECT state, encoding FROM snapshots WHERE document_name = $1 ORDER BY id DESC LIMIT 1',
    [name],
  )
  assert.ok(row, 'a snapshot was written')
  return row
}

test('a large document is stored as the V1 update a first sync sends', async () => {
  const writer = await compacted('grid:large-snapshot', 1_600_000)
  assert.ok(Y.encodeStateAsUpdateV2(writer).byteLength >= V1_SNAPSHOT_MIN_BYTES)
  const row = await storedSnapshot('grid:large-snapshot')
  assert.equal(row.encoding, 1)
  // A client that applies the persisted bytes as the V1 update it is sent holds the document.
  const client = new Y.Doc()
  Y.applyUpdate(client, row.state)
  assert.equal(client.getText('text').toString(), writer.getText('text').toString())
  assert.deepEqual(Y.encodeStateVector(client), Y.encodeStateVector(writer))
  // Nothing of the writer's is missing from it, deletions included.
  const missing = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(client))
  Y.applyUpdate(client, missing)
  assert.equal(client.getText('text').toString(), writer.getText('text').toString())
})

test('a small document keeps the compact V2 snapshot', async () => {
  const writer = await compacted('grid:small-snapshot', 20_000)
  const row = await storedSnapshot('grid:small-snapshot')
  assert.equal(row.encoding, 2)
  const client = new Y.Doc()
  Y.applyUpdateV2(client, row.state)
  assert.equal(client.getText('text').toString(), writer.getText('text').toString())
})

test('the SQL snapshot read returns exactly what Prisma reads', async () => {
  for (const name of ['grid:large-snapshot', 'grid:small-snapshot']) {
    const viaPrisma = await readDocumentState(db.prisma, name)
    const viaSql = await readDocumentState(db.prisma, name, db.sql)
    assert.ok(viaPrisma?.snapshot && viaSql?.snapshot)
    assert.equal(viaSql.snapshot.encoding, viaPrisma.snapshot.encoding)
    assert.ok(Buffer.from(viaSql.snapshot.state).equals(Buffer.from(viaPrisma.snapshot.state)))
    assert.deepEqual(viaSql.rows, viaPrisma.rows)
  }
  assert.equal(await readDocumentState(db.prisma, 'grid:never-written', db.sql), null)
})

// Decision 0201: through pg the snapshot crosses as raw bytes (a binary COPY), not as text.
test('a bytea read through pg comes back as the stored bytes, or null without a row', async () => {
  const readBytes = db.sql.readBytes
  assert.ok(readBytes, 'the pg executor reads bytes raw')
  const row = await storedSnapshot('grid:large-snapshot')
  const [head] = await db.sql.query<{ id: string }>(
    `SELECT id::text AS id FROM snapshots WHERE document_name = 'grid:large-snapshot'
     ORDER BY id DESC LIMIT 1`,
  )
  const raw = await readBytes(`SELECT state FROM snapshots WHERE id = ${head?.id}`)
  assert.ok(raw && Buffer.from(raw).equals(Buffer.from(row.state)))
  assert.equal(await readBytes('SELECT state FROM snapshots WHERE id = -1'), null)
})

test('a failed raw read rejects with the database error and the pool still answers', async () => {
  const readBytes = db.sql.readBytes
  assert.ok(readBytes)
  await assert.rejects(readBytes('SELECT state FROM no_such_table'), /no_such_table/)
  // Every pooled connection still works (none was left mid-COPY).
  const answers = await Promise.all(
    Array.from({ length: 6 }, () => db.sql.query<{ one: number }>('SELECT 1 AS one')),
  )
  assert.deepEqual(
    answers.map(([row]) => row?.one),
    [1, 1, 1, 1, 1, 1],
  )
})
