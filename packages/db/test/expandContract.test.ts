// Expand/contract on a real Postgres (docs/decisions/0050): the previous image's `db:migrate`
// and schema check accept a database a newer release expanded, and refuse one it contracted or
// one migrated by a diverged history; every shipped migration not named `_contract` is additive.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type PostgresInstance, REPO_ROOT, startPostgres } from '@weft/testkit'
import pg from 'pg'
import { applyMigrations, type Migration, readMigrations, schemaStatus } from '../src/migrations.ts'
import { pgExecutor } from '../src/pgExecutor.ts'
import { contractStatements, isContract } from '../src/schemaCompatibility.ts'
import { appendUpdates } from '../src/updateLog.ts'

let postgres: PostgresInstance
const pools: pg.Pool[] = []

before(async () => {
  postgres = await startPostgres()
})

after(async () => {
  await Promise.all(pools.map((pool) => pool.end()))
  await postgres?.destroy()
})

const migration = (name: string, sql: string): Migration => ({ name, sql, checksum: name })
/** A later release's additive migration: a nullable column and a new table. */
const expand = migration(
  '29990101000000_document_notes',
  `ALTER TABLE "document_updates" ADD COLUMN "note" TEXT;
   CREATE TABLE "document_tags" ("document_name" TEXT NOT NULL, "tag" TEXT NOT NULL);`,
)
/** A still later release's contract migration: removes what the expand one added. */
const contract = migration(
  '29990201000000_drop_notes_contract',
  `ALTER TABLE "document_updates" DROP COLUMN "note";`,
)

/** A database migrated by a newer image: the shipped migrations plus `extra`. */
async function databaseMigratedBy(name: string, extra: Migration[]) {
  const url = await postgres.createDatabase(name)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  pools.push(pool)
  await applyMigrations(pgExecutor(pool), [...(await readMigrations()), ...extra])
  return { url, sql: pgExecutor(pool) }
}

/** `npm run db:migrate` of this checkout: the previous image's migrations. */
function dbMigrate(url: string) {
  const result = spawnSync(process.execPath, [join('packages', 'db', 'src', 'cli', 'migrate.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  })
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('the previous image on a newer schema', () => {
  test('an expanded database is accepted by db:migrate and the schema check, and the old code writes to it', async () => {
    const db = await databaseMigratedBy('expanded', [expand])
    const run = dbMigrate(db.url)
    assert.equal(run.status, 0, run.output)
    assert.match(run.output, /up to date/)
    const status = await schemaStatus(db.sql)
    assert.deepEqual([status.problem, status.pending, status.newer], [undefined, [], [expand.name]])
    // The previous release's update-log write still works on the expanded table.
    await appendUpdates(db.sql, [
      {
        documentName: 'grid:expand',
        updateKey: 'grid:expand:1',
        update: Uint8Array.of(1, 2, 3),
        userId: 'u1',
        userName: 'User',
        nodeId: 'old-node',
        receivedAt: new Date(),
      },
    ])
    const rows = await db.sql.query<{ update: Uint8Array; note: string | null }>(
      `SELECT "update", note FROM document_updates WHERE update_key = 'grid:expand:1'`,
    )
    assert.deepEqual(
      rows.map((row) => [[...row.update], row.note]),
      [[[1, 2, 3], null]],
    )
  })

  test('a contracted database is refused, naming the migration', async () => {
    const db = await databaseMigratedBy('contracted', [expand, contract])
    const run = dbMigrate(db.url)
    assert.equal(run.status, 1)
    assert.match(
      run.output,
      /contract migrations this build does not know \(29990201000000_drop_notes_contract\)/,
    )
    assert.match((await schemaStatus(db.sql)).problem ?? '', /too old/)
  })

  test('a database migrated by a diverged history is refused', async () => {
    const db = await databaseMigratedBy('diverged', [
      migration('20000101000000_elsewhere', 'CREATE TABLE "elsewhere" ("id" TEXT);'),
    ])
    const run = dbMigrate(db.url)
    assert.equal(run.status, 1)
    assert.match(run.output, /another line of development/)
  })
})

describe('every shipped migration follows the rule', () => {
  test('migrations not named _contract only add', async () => {
    const offending = (await readMigrations())
      .filter((m) => !isContract(m.name))
      .flatMap((m) => contractStatements(m.sql).map((reason) => `${m.name}: ${reason}`))
    assert.deepEqual(offending, [])
  })

  test('the check can fail: it tells destructive statements from additive ones', () => {
    const contracting = [
      'ALTER TABLE "snapshots" DROP COLUMN "encoding"',
      'DROP TABLE "sessions"',
      'ALTER TABLE "sessions" RENAME COLUMN "status" TO "state"',
      'ALTER TABLE "snapshots" ALTER COLUMN "encoding" TYPE INTEGER',
      'ALTER TABLE "sessions" ALTER COLUMN "closed_at" SET NOT NULL',
      'ALTER TABLE "snapshots" ADD COLUMN "x" TEXT NOT NULL',
      'CREATE UNIQUE INDEX "x" ON "sessions"("user_id")',
      'UPDATE "sessions" SET status = \'closed\'',
    ]
    for (const sql of contracting) assert.equal(contractStatements(sql).length, 1, sql)
    const additive = [
      'ALTER TABLE "snapshots" ADD COLUMN "x" TEXT',
      'ALTER TABLE "snapshots" ADD COLUMN "x" SMALLINT NOT NULL DEFAULT 1',
      'CREATE INDEX "x" ON "sessions"("user_id")',
      'CREATE TABLE "t" ("id" TEXT NOT NULL); CREATE UNIQUE INDEX "t_id" ON "t"("id"); ALTER TABLE "t" ADD CONSTRAINT "t_fk" FOREIGN KEY ("id") REFERENCES "documents"("name")',
    ]
    for (const sql of additive) assert.deepEqual(contractStatements(sql), [], sql)
  })
})
