/**
 * The one place that opens the platform's database: a real Postgres through `pg` when a URL is
 * given, otherwise the embedded PGlite under the data directory. Either way the rest of the code
 * gets the same Prisma client (driver adapter, no engine binary) and a raw SQL executor.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { PrismaClient } from '../generated/prisma/client.ts'
import { pgExecutor } from './pgExecutor.ts'
import { pgliteExecutor } from './pgliteExecutor.ts'
import type { SqlExecutor } from './SqlExecutor.ts'

export type { PrismaClient }

export interface Database {
  kind: 'postgres' | 'embedded'
  prisma: PrismaClient
  sql: SqlExecutor
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  /** postgresql://…; absent means embedded under dataDir. */
  databaseUrl?: string
  dataDir?: string
  poolSize?: number
  /** Called with errors of idle pooled connections (a restarted Postgres), which would otherwise crash the process. */
  onPoolError?: (error: Error) => void
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    })
    pool.on('error', (error) => options.onPoolError?.(error))
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) })
    return {
      kind: 'postgres',
      prisma,
      sql: pgExecutor(pool),
      async close() {
        await prisma.$disconnect()
        await pool.end()
      },
    }
  }
  // Imported here, not at the top: a node on Postgres (every pod) never loads the embedded
  // database's code (decision 0211).
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('pglite-prisma-adapter'),
  ])
  const dir = join(options.dataDir ?? './data', 'pglite')
  await mkdir(dir, { recursive: true })
  const db = await PGlite.create(dir)
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) })
  return {
    kind: 'embedded',
    prisma,
    sql: pgliteExecutor(db),
    async close() {
      await prisma.$disconnect()
      await db.close()
    },
  }
}
