// A document loaded while another node compacts it must still contain every logged update.
// (Reading "the latest snapshot" and "uncompacted rows" separately could see the snapshot from
// before a compaction and the rows from after it, and load an empty document.)
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import * as Y from 'yjs'
import { compactDocument } from '../src/compaction.ts'
import { loadDocumentState } from '../src/documentState.ts'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { appendUpdates } from '../src/updateLog.ts'

let postgres: PostgresInstance
let db: Database

before(async () => {
  postgres = await startPostgres()
  db = await openDatabase({ databaseUrl: postgres.url, poolSize: 6 })
  await applyMigrations(db.sql)
})

after(async () => {
  await db?.close()
  await postgres?.destroy()
})

let logged = 0

/** Logs `count` one-character edits (of `writer`, a fresh document by default) and returns the writer. */
async function logEdits(name: string, count: number, writer = new Y.Doc()): Promise<Y.Doc> {
  const updates: Uint8Array[] = []
  const record = (update: Uint8Array) => updates.push(update)
  writer.on('update', record)
  for (let i = 0; i < count; i++) writer.getText('text').insert(i, 'x')
  writer.off('update', record)
  await appendUpdates(
    db.sql,
    updates.map((update, i) => ({
      documentName: name,
      updateKey: `${name}:${logged + i}`,
      update,
      userId: null,
      userName: null,
      nodeId: 'test',
      receivedAt: new Date(),
    })),
  )
  logged += updates.length
  return writer
}

/**
 * The Prisma client as a loading node sees it while another node compacts: the compaction
 * commits just before the load reads the log rows (after any snapshot read it started).
 */
function compactingBeforeRowsAreRead(name: string): Database['prisma'] {
  const documentUpdate = new Proxy(db.prisma.documentUpdate, {
    get(target, property, receiver) {
      if (property !== 'findMany') return Reflect.get(target, property, receiver)
      return async (...args: Parameters<typeof target.findMany>) => {
        await compactDocument(db.prisma, name, 'other-node')
        return target.findMany(...args)
      }
    },
  })
  return new Proxy(db.prisma, {
    get: (target, property, receiver) =>
      property === 'documentUpdate' ? documentUpdate : Reflect.get(target, property, receiver),
  })
}

test('a load that races a compaction still holds every logged update', async () => {
  for (const [name, compactedBefore] of [
    ['grid:race-first-snapshot', false],
    ['grid:race-later-snapshot', true],
  ] as const) {
    const writer = await logEdits(name, 30)
    if (compactedBefore) await compactDocument(db.prisma, name, 'test')
    await logEdits(name, 30, writer)
    const loaded = await loadDocumentState(compactingBeforeRowsAreRead(name), name)
    const doc = new Y.Doc()
    Y.applyUpdate(doc, loaded as Uint8Array)
    assert.equal(doc.getText('text').toString(), writer.getText('text').toString(), name)
  }
})
