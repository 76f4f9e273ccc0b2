// The migrations in prisma/migrations, applied by `npm run db:migrate`'s runner, produce exactly
// the database prisma/schema.prisma describes; re-running is a no-op; an edited migration is refused.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type PostgresInstance, REPO_ROOT, startPostgres } from '@weft/testkit'
import pg from 'pg'
import { applyMigrations, readMigrations } from '../src/migrations.ts'
import { pgExecutor } from '../src/pgExecutor.ts'
import { readPrismaSchema } from './prismaSchema.ts'

let postgres: PostgresInstance
let pool: pg.Pool

before(async () => {
  postgres = await startPostgres()
  pool = new pg.Pool({ connectionString: postgres.url })
  await applyMigrations(pgExecutor(pool))
})

after(async () => {
  await pool?.end()
  await postgres?.destroy()
})

const expected = readPrismaSchema(join(REPO_ROOT, 'prisma', 'schema.prisma'))
const key = (table: string, columns: string[]) => `${table}(${columns.join(',')})`

test('every table and column of the datamodel exists with its type, nullability and default', async () => {
  const { rows } = await pool.query(`
    SELECT table_name, column_name, is_nullable, column_default,
           format_type(a.atttypid, a.atttypmod) AS sql_type
    FROM information_schema.columns c
    JOIN pg_attribute a ON a.attrelid = (quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass
                       AND a.attname = c.column_name
    WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'`)
  const actual = new Map(rows.map((row) => [`${row.table_name}.${row.column_name}`, row]))
  for (const column of expected.columns) {
    const row = actual.get(`${column.table}.${column.column}`)
    assert.ok(row, `column ${column.table}.${column.column} exists`)
    assert.equal(row.sql_type, column.sqlType, `${column.table}.${column.column} type`)
    assert.equal(
      row.is_nullable === 'YES',
      column.nullable,
      `${column.table}.${column.column} nullability`,
    )
    assert.equal(
      row.column_default !== null,
      column.hasDefault,
      `${column.table}.${column.column} default`,
    )
  }
  assert.equal(
    actual.size,
    expected.columns.length,
    'the database has no columns the datamodel lacks',
  )
})

test('primary keys, unique constraints, indexes and foreign keys match', async () => {
  const { rows: indexRows } = await pool.query(`
    SELECT t.relname AS table_name, i.indisunique AS is_unique, i.indisprimary AS is_primary,
           array_agg(a.attname::text ORDER BY k.ord) AS columns
    FROM pg_index i
    JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
    CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
    WHERE t.relname <> '_prisma_migrations'
    GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`)
  const primary = new Set(
    indexRows.filter((r) => r.is_primary).map((r) => key(r.table_name, r.columns)),
  )
  const unique = new Set(
    indexRows.filter((r) => r.is_unique && !r.is_primary).map((r) => key(r.table_name, r.columns)),
  )
  const plain = new Set(
    indexRows.filter((r) => !r.is_unique).map((r) => key(r.table_name, r.columns)),
  )
  assert.deepEqual(
    primary,
    new Set([...expected.primaryKeys].map(([table, columns]) => key(table, columns))),
  )
  assert.deepEqual(unique, new Set(expected.uniques.map((u) => key(u.table, u.columns))))
  assert.deepEqual(plain, new Set(expected.indexes.map((i) => key(i.table, i.columns))))

  const { rows: fkRows } = await pool.query(`
    SELECT tc.table_name, kcu.column_name, ccu.table_name AS references, rc.delete_rule
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
    JOIN information_schema.referential_constraints rc ON rc.constraint_name = tc.constraint_name
    WHERE tc.constraint_type = 'FOREIGN KEY'`)
  assert.deepEqual(
    new Set(
      fkRows.map((r) => `${key(r.table_name, [r.column_name])}->${r.references}:${r.delete_rule}`),
    ),
    new Set(
      expected.foreignKeys.map(
        (fk) => `${key(fk.table, fk.columns)}->${fk.references}:${fk.onDelete}`,
      ),
    ),
  )
})

test('applying again changes nothing, and an edited migration is refused', async () => {
  assert.deepEqual(await applyMigrations(pgExecutor(pool)), [])
  const migrations = await readMigrations()
  const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m))
  await assert.rejects(
    applyMigrations(pgExecutor(pool), edited),
    /was modified after it was applied/,
  )
})

test('the Prisma client reads and writes every model on the migrated database', async () => {
  const { openDatabase, appendUpdates, loadDocumentState, compactDocument } = await import(
    '../src/index.ts'
  )
  const db = await openDatabase({ databaseUrl: postgres.url })
  try {
    await appendUpdates(db.sql, [
      {
        documentName: 'grid:schema',
        updateKey: 'k1',
        update: new Uint8Array([0, 0]),
        userId: 'u',
        userName: 'U',
        nodeId: 'n',
        receivedAt: new Date(),
      },
    ])
    assert.ok(await loadDocumentState(db.prisma, 'grid:schema'))
    const result = await compactDocument(db.prisma, 'grid:schema', 'n')
    assert.equal(result.compactedRows, 1)
  } finally {
    await db.close()
  }
})
