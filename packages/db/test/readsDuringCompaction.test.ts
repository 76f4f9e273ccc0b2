// Reads that combine a snapshot with log rows, while another node compacts the same document:
// a load must still contain every logged update (reading "the latest snapshot" and "uncompacted
// rows" separately could see the snapshot from before a compaction and the rows from after it,
// and load an empty document); the activity history's base must be the state before its entries.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import * as Y from 'yjs'
import { compactDocument } from '../src/compaction.ts'
import { loadDocumentState } from '../src/documentState.ts'
import { documentHistory } from '../src/history.ts'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { appendUpdates } from '../src/updateLog.ts'
import { anonymousRows } from './anonymousRows.ts'

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
  await appendUpdates(db.sql, anonymousRows(name, updates, { firstIndex: logged }))
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

/** The Prisma client as a reader sees it when another node's compaction commits just before it reads a snapshot (in or out of a transaction). */
function compactingBeforeSnapshotRead(name: string): Database['prisma'] {
  const withCompaction = <T extends object>(client: T): T => {
    const snapshot = (client as unknown as Database['prisma']).snapshot
    const racing = new Proxy(snapshot, {
      get(target, property, receiver) {
        if (property !== 'findFirst') return Reflect.get(target, property, receiver)
        return async (...args: Parameters<typeof target.findFirst>) => {
          await compactDocument(db.prisma, name, 'other-node')
          return target.findFirst(...args)
        }
      },
    })
    return new Proxy(client, {
      get: (target, property, receiver) =>
        property === 'snapshot' ? racing : Reflect.get(target, property, receiver),
    })
  }
  const client = withCompaction(db.prisma)
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== '$transaction') return Reflect.get(target, property, receiver)
      return (work: (tx: unknown) => Promise<unknown>, options?: unknown) =>
        db.prisma.$transaction(
          (tx) => work(withCompaction(tx)),
          options as Parameters<typeof db.prisma.$transaction>[1],
        )
    },
  })
}

test('the history of a document being compacted starts from the state before its entries', async () => {
  const name = 'grid:race-history'
  await logEdits(name, 30)
  const history = await documentHistory(compactingBeforeSnapshotRead(name), name, 10)
  assert.equal(history.entries.length, 10)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, history.base)
  assert.equal(doc.getText('text').length, 20, 'the base holds the 20 edits before the entries')
  for (const entry of history.entries) Y.applyUpdate(doc, entry.update)
  assert.equal(doc.getText('text').length, 30)
})
