// The generated client reads Prisma's query compiler from a .wasm file beside it instead of
// importing it as a base64 module, which a node kept as 9 MB of text for its whole life
// (scripts/prisma-compiler-file.ts, decision 0211); the first query after opening still answers.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { type PostgresInstance, REPO_ROOT, startPostgres } from '@weft/testkit'
import pg from 'pg'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { pgExecutor } from '../src/pgExecutor.ts'

const generated = join(REPO_ROOT, 'packages', 'db', 'generated', 'prisma', 'internal')

let postgres: PostgresInstance
let database: Database | undefined

before(async () => {
  postgres = await startPostgres()
  const pool = new pg.Pool({ connectionString: postgres.url })
  await applyMigrations(pgExecutor(pool))
  await pool.end()
})

after(async () => {
  await database?.close()
  await postgres?.destroy()
})

test('the generated client loads its query compiler from the .wasm file, not a base64 module', () => {
  const client = readFileSync(join(generated, 'class.ts'), 'utf8')
  assert.match(client, /readFile\(new URL\('\.\/query_compiler\.wasm', import\.meta\.url\)\)/)
  assert.doesNotMatch(client, /await import\("[^"]*wasm-base64/)
  assert.ok(WebAssembly.validate(readFileSync(join(generated, 'query_compiler.wasm'))))
})

test('the first query of a freshly opened database answers', async () => {
  database = await openDatabase({ databaseUrl: postgres.url })
  await database.prisma.document.create({
    data: { name: 'grid:first', kind: 'grid', title: 'First' },
  })
  const found = await database.prisma.document.findUnique({ where: { name: 'grid:first' } })
  assert.equal(found?.title, 'First')
})
