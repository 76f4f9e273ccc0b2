// Decision 0209: the snapshot column is compressed with lz4 from migration
// 20261205060000_snapshot_lz4_compression on. What must hold: a document compacted before the
// migration (its snapshot compressed with pglz) still loads, byte for byte; the next compaction
// writes its snapshot with lz4, and that one loads byte for byte too; the embedded database,
// which has no lz4, still applies every migration.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import * as Y from 'yjs'
import { compactDocument } from '../src/compaction.ts'
import { readDocumentState } from '../src/documentState.ts'
import { applyMigrations, type Migration, readMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { appendUpdates } from '../src/updateLog.ts'
import { anonymousRows } from './anonymousRows.ts'

const LZ4_MIGRATION = '20261205060000_snapshot_lz4_compression'

let postgres: PostgresInstance
let db: Database
let migrations: Migration[]

before(async () => {
  postgres = await startPostgres()
  db = await openDatabase({ databaseUrl: postgres.url, poolSize: 4 })
  migrations = await readMigrations()
  assert.ok(migrations.some((migration) => migration.name === LZ4_MIGRATION))
  // The database as the release before this one left it.
  await applyMigrations(
    db.sql,
    migrations.filter((migration) => migration.name < LZ4_MIGRATION),
  )
})

after(async () => {
  await db?.close()
  await postgres?.destroy()
})

/** Prose-like text of `length` characters: words a compressor finds again, in a seeded order. */
function prose(length: number, seed: number): string {
  const words = 'the grid canvas node sync snapshot merge cell row column draft edit'.split(' ')
  let text = ''
  let x = seed
  while (text.length < length) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31
    text += `${words[x % words.length]}${x % 7 === 0 ? '. ' : ' '}`
  }
  return text.slice(0, length)
}

/** Logs `text` appended to the document `name` (and one deletion) and compacts it. */
async function appendAndCompact(name: string, writer: Y.Doc, text: string): Promise<void> {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  writer.on('update', record)
  const ytext = writer.getText('text')
  ytext.insert(ytext.length, text)
  ytext.delete(3, 7)
  writer.off('update', record)
  await appendUpdates(db.sql, anonymousRows(name, updates, { keyPrefix: `${ytext.length}:` }))
  const result = await compactDocument(db.prisma, name, 'test')
  assert.equal(result.compactedRows, updates.length)
}

/** The latest snapshot's compression method as Postgres stored it (null: not compressed). */
async function latestCompression(name: string): Promise<string | null> {
  const [row] = await db.sql.query<{ method: string | null }>(
    `SELECT pg_column_compression(state) AS method FROM snapshots
     WHERE document_name = $1 ORDER BY id DESC LIMIT 1`,
    [name],
  )
  assert.ok(row, 'a snapshot was written')
  return row.method
}

/** What a node's load reads (the binary COPY, decision 0201), checked against Prisma's read. */
async function loadedSnapshot(name: string): Promise<{ state: Buffer; encoding: number }> {
  const loaded = await readDocumentState(db.prisma, name, db.sql)
  const viaPrisma = await readDocumentState(db.prisma, name)
  assert.ok(loaded?.snapshot && viaPrisma?.snapshot)
  const state = Buffer.from(loaded.snapshot.state)
  assert.ok(state.equals(Buffer.from(viaPrisma.snapshot.state)), 'both reads give the same bytes')
  return { state, encoding: loaded.snapshot.encoding }
}

function assertHolds(snapshot: { state: Buffer; encoding: number }, writer: Y.Doc): void {
  assert.equal(snapshot.encoding, 1, 'a large snapshot is stored in V1 (decision 0186)')
  const client = new Y.Doc()
  Y.applyUpdate(client, snapshot.state)
  assert.equal(client.getText('text').toString(), writer.getText('text').toString())
  assert.deepEqual(Y.encodeStateVector(client), Y.encodeStateVector(writer))
}

test('a snapshot written before the migration loads byte for byte after it', async () => {
  const writer = new Y.Doc()
  await appendAndCompact('grid:before-lz4', writer, prose(1_600_000, 1))
  assert.equal(await latestCompression('grid:before-lz4'), 'pglz')
  const before = await loadedSnapshot('grid:before-lz4')
  assertHolds(before, writer)

  assert.deepEqual(await applyMigrations(db.sql, migrations), [LZ4_MIGRATION])

  // Nothing rewrote the stored value: it is still pglz, and it loads as the same bytes.
  assert.equal(await latestCompression('grid:before-lz4'), 'pglz')
  const after = await loadedSnapshot('grid:before-lz4')
  assert.ok(after.state.equals(before.state))
  assertHolds(after, writer)
})

test('the next compaction writes the snapshot with lz4, and it loads byte for byte', async () => {
  const writer = new Y.Doc()
  Y.applyUpdate(writer, (await loadedSnapshot('grid:before-lz4')).state)
  await appendAndCompact('grid:before-lz4', writer, prose(10_000, 2))
  assert.equal(await latestCompression('grid:before-lz4'), 'lz4')
  const snapshot = await loadedSnapshot('grid:before-lz4')
  assertHolds(snapshot, writer)
  // What is stored is exactly the document's V1 update, whatever compressed it.
  assert.ok(snapshot.state.equals(Buffer.from(Y.encodeStateAsUpdate(writer))))
})

test('a database without lz4 (the embedded one) applies every migration', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'weft-embedded-lz4-'))
  const embedded = await openDatabase({ dataDir: dir })
  try {
    const applied = await applyMigrations(embedded.sql, migrations)
    assert.ok(applied.includes(LZ4_MIGRATION))
    const [column] = await embedded.sql.query<{ compression: string }>(
      `SELECT attcompression::text AS compression FROM pg_attribute
       WHERE attrelid = 'snapshots'::regclass AND attname = 'state'`,
    )
    assert.notEqual(column?.compression, 'l', 'PGlite has no lz4: the column keeps the default')
  } finally {
    await embedded.close()
    await rm(dir, { recursive: true, force: true })
  }
})
