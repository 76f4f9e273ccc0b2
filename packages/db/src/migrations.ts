/**
 * Applies prisma/migrations/<name>/migration.sql in order without Prisma's schema engine.
 *
 * Bookkeeping uses Prisma's own `_prisma_migrations` table and checksum (sha256 of the file), so
 * a database migrated here is one `prisma migrate deploy` recognises, and vice versa.
 */
import { createHash, randomUUID } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SqlExecutor } from './SqlExecutor.ts'
import { compareSchema, type SchemaComparison } from './schemaCompatibility.ts'

export const MIGRATIONS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'prisma',
  'migrations',
)

/** Prisma's advisory-lock key for migrations, so our runner and `prisma migrate` exclude each other. */
const MIGRATION_LOCK_KEY = 72707369

export interface Migration {
  name: string
  sql: string
  checksum: string
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true })
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name, 'migration.sql'), 'utf8')
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
}

const CREATE_BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`

export class MigrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MigrationError'
  }
}

interface AppliedRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

/** Applies what is missing; returns the names applied now. Safe to run concurrently and repeatedly. */
export async function applyMigrations(
  sql: SqlExecutor,
  migrations?: Migration[],
): Promise<string[]> {
  const all = migrations ?? (await readMigrations())
  return sql.transaction(async (tx) => {
    // Transaction-scoped lock: released on commit or rollback, even if this process dies.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
    await tx.exec(CREATE_BOOKKEEPING)
    const rows = await tx.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    )
    const applied = new Map(
      rows.filter((row) => !row.rolled_back_at).map((row) => [row.migration_name, row]),
    )
    // A newer release's expand migrations are fine (the previous image keeps running on them,
    // docs/decisions/0050); its contract migrations, or a diverged history, are not.
    const comparison = compareSchema(
      all.map((migration) => migration.name),
      applied.keys(),
    )
    if (comparison.problem) throw new MigrationError(comparison.problem)
    const appliedNow: string[] = []
    for (const migration of all) {
      const row = applied.get(migration.name)
      if (row) {
        if (!row.finished_at)
          throw new MigrationError(`migration ${migration.name} failed earlier and needs attention`)
        if (row.checksum !== migration.checksum) {
          throw new MigrationError(`migration ${migration.name} was modified after it was applied`)
        }
        continue
      }
      await tx.exec(migration.sql)
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
         VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), migration.checksum, migration.name],
      )
      appliedNow.push(migration.name)
    }
    return appliedNow
  })
}

/**
 * How the database's schema relates to this build: pending migrations, newer (expand) ones from a
 * later release, and the problem when this build must not run on it. Readiness reports it.
 */
export async function schemaStatus(
  sql: SqlExecutor,
  migrations?: Migration[],
): Promise<SchemaComparison> {
  const all = migrations ?? (await readMigrations())
  const exists = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  )
  if (!exists[0]?.exists)
    return compareSchema(
      all.map((migration) => migration.name),
      [],
    )
  const rows = await sql.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  return compareSchema(
    all.map((migration) => migration.name),
    rows.map((row) => row.migration_name),
  )
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(
  sql: SqlExecutor,
  migrations?: Migration[],
): Promise<string[]> {
  const all = migrations ?? (await readMigrations())
  const exists = await sql.query<{ exists: boolean }>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS exists`,
  )
  if (!exists[0]?.exists) return all.map((migration) => migration.name)
  const rows = await sql.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  )
  const done = new Set(rows.map((row) => row.migration_name))
  return all.filter((migration) => !done.has(migration.name)).map((migration) => migration.name)
}
