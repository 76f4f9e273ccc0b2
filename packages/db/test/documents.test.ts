// Document metadata on a real Postgres: the update-log write records kind, owner and last edit
// (a code file's edit touches its project), the list finds by title and hides sub-documents,
// and the trash is purged with the history after the retention window, nothing else.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import {
  createDocument,
  getDocument,
  listDocuments,
  purgeTrash,
  updateDocument,
} from '../src/documents.ts'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { appendUpdates } from '../src/updateLog.ts'

let postgres: PostgresInstance
let db: Database

before(async () => {
  postgres = await startPostgres()
  db = await openDatabase({ databaseUrl: postgres.url })
  await applyMigrations(db.sql)
})

after(async () => {
  await db?.close()
  await postgres?.destroy()
})

let key = 0
const edit = (documentName: string, userId: string, at: Date) => ({
  documentName,
  updateKey: `t:${key++}`,
  update: new Uint8Array([0, 0]),
  userId,
  userName: `Name ${userId}`,
  nodeId: 'node-t',
  receivedAt: at,
})

test('the first logged edit makes the owner; later edits move "last edited" forward', async () => {
  const t0 = new Date('2026-12-01T10:00:00Z')
  await appendUpdates(db.sql, [edit('grid:meta', 'ada', t0)])
  let row = await getDocument(db.prisma, 'grid:meta')
  assert.equal(row?.kind, 'grid')
  assert.equal(row?.ownerId, 'ada')
  assert.equal(row?.updatedById, 'ada')

  // Within the touch interval nothing is rewritten; after it the row moves on.
  await appendUpdates(db.sql, [edit('grid:meta', 'bob', new Date(t0.getTime() + 1_000))])
  row = await getDocument(db.prisma, 'grid:meta')
  assert.equal(row?.updatedById, 'ada')
  await appendUpdates(db.sql, [edit('grid:meta', 'bob', new Date(t0.getTime() + 60_000))])
  row = await getDocument(db.prisma, 'grid:meta')
  assert.equal(row?.updatedById, 'bob')
  assert.equal(row?.ownerId, 'ada')
  assert.equal(row?.updatedAt?.toISOString(), '2026-12-01T10:01:00.000Z')

  // An edit of a code file is an edit of its project.
  await appendUpdates(db.sql, [edit('code:proj_1/main.ts', 'cy', t0)])
  assert.equal((await getDocument(db.prisma, 'code:proj_1'))?.updatedById, 'cy')
})

test('the list finds by title, most recent first, without sub-documents or the trash', async () => {
  await createDocument(db.prisma, {
    name: 'canvas:plan',
    title: 'Office Plan',
    ownerId: 'ada',
    ownerName: 'Ada',
  })
  await createDocument(db.prisma, {
    name: 'grid:budget',
    title: 'Budget',
    ownerId: 'ada',
    ownerName: 'Ada',
  })
  const found = await listDocuments(db.prisma, { search: 'plan', limit: 10 })
  assert.deepEqual(
    found.map((d) => d.name),
    ['canvas:plan'],
  )
  const all = (await listDocuments(db.prisma, { limit: 100 })).map((d) => d.name)
  assert.ok(!all.includes('code:proj_1/main.ts'))
  assert.ok(all.includes('code:proj_1'))
  assert.equal(
    await createDocument(db.prisma, {
      name: 'grid:budget',
      title: 'Again',
      ownerId: 'bob',
      ownerName: null,
    }),
    null,
  )
  await updateDocument(db.prisma, 'grid:budget', { deletedAt: new Date() })
  assert.ok(!(await listDocuments(db.prisma, { limit: 100 })).some((d) => d.name === 'grid:budget'))
  const trash = await listDocuments(db.prisma, { trashed: true, limit: 100 })
  assert.deepEqual(
    trash.map((d) => d.name),
    ['grid:budget'],
  )
})

test('the trash is purged after retention with history and file documents, and only it', async () => {
  const old = new Date('2026-11-01T00:00:00Z')
  await appendUpdates(db.sql, [
    edit('code:gone_x', 'ada', old),
    edit('code:gone_x/a.ts', 'ada', old),
    // `_` is a LIKE wildcard: a prefix match must not take this neighbour along.
    edit('code:goneXx/a.ts', 'ada', old),
  ])
  await updateDocument(db.prisma, 'code:gone_x', { deletedAt: old })
  await updateDocument(db.prisma, 'grid:budget', { deletedAt: new Date() })
  const purged = await purgeTrash(db.prisma, new Date('2026-11-02T00:00:00Z'))
  assert.deepEqual(purged, ['code:gone_x'])
  assert.equal(await getDocument(db.prisma, 'code:gone_x'), null)
  assert.equal(await getDocument(db.prisma, 'code:gone_x/a.ts'), null)
  assert.ok(await getDocument(db.prisma, 'code:goneXx/a.ts'))
  assert.ok(await getDocument(db.prisma, 'grid:budget'))
  const rows = await db.sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM document_updates WHERE document_name LIKE 'code:gone\\_x%'`,
  )
  assert.equal(Number(rows[0]?.n), 0)
})
