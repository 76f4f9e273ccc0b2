// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded database under
// DATA_DIR when DATABASE_URL is unset). Idempotent; needs no Prisma engine binary.
import { fields, parseEnv } from '@weft/config'
import { z } from 'zod'
import { applyMigrations } from '../migrations.ts'
import { openDatabase } from '../openDatabase.ts'

try {
  const env = parseEnv(
    z.object({
      DATABASE_URL: fields.databaseUrl.optional(),
      DATA_DIR: z.string().default('./data'),
    }),
    process.env,
  )
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    poolSize: 1,
  })
  try {
    const applied = await applyMigrations(db.sql)
    console.log(
      applied.length > 0
        ? `db:migrate: applied ${applied.length} migration(s): ${applied.join(', ')}`
        : 'db:migrate: database is up to date',
    )
  } finally {
    await db.close()
  }
} catch (error) {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
