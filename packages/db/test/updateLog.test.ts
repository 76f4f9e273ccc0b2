// The update log's batch append, on a real Postgres and on the embedded PGlite alike: every
// update stored byte for byte with its document, user, node and time, exactly once on retry.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { type PostgresInstance, startPostgres } from '@weft/testkit'
import { applyMigrations } from '../src/migrations.ts'
import { type Database, openDatabase } from '../src/openDatabase.ts'
import { appendUpdates, type LoggedUpdate } from '../src/updateLog.ts'

/** Updates of varied sizes (1 byte to 70 KB, bytes 0–255 included) over two documents. */
function batch(prefix: string): LoggedUpdate[] {
  const sizes = [1, 2, 255, 256, 70_000, 3, 17]
  return sizes.map((size, i) => ({
    documentName: i % 2 === 0 ? `${prefix}:even` : `${prefix}:odd`,
    updateKey: `${prefix}:${i}`,
    update: Uint8Array.from({ length: size }, (_, j) => (j * 31 + i) % 256),
    userId: i === 3 ? null : `u${i}`,
    userName: i === 3 ? null : `User ${i}`,
    nodeId: 'node-t',
    receivedAt: new Date(Date.UTC(2026, 10, 22, 3, 0, i, 100 + i)),
  }))
}

type Row = {
  document_name: string
  update_key: string
  update: Uint8Array
  user_id: string | null
  user_name: string | null
  node_id: string
  received_at: Date | string
}

async function stored(db: Database, prefix: string): Promise<Row[]> {
  return db.sql.query<Row>(
    `SELECT document_name, update_key, "update", user_id, user_name, node_id, received_at
     FROM document_updates WHERE update_key LIKE $1 ORDER BY id`,
    [`${prefix}:%`],
  )
}

function assertStored(rows: Row[], expected: LoggedUpdate[]) {
  assert.equal(rows.length, expected.length)
  rows.forEach((row, i) => {
    const want = expected[i] as LoggedUpdate
    assert.equal(row.document_name, want.documentName)
    assert.equal(row.update_key, want.updateKey)
    assert.deepEqual(new Uint8Array(row.update), want.update, `bytes of ${want.updateKey}`)
    assert.equal(row.user_id, want.userId)
    assert.equal(row.user_name, want.userName)
    assert.equal(row.node_id, want.nodeId)
    assert.equal(new Date(row.received_at).getTime(), want.receivedAt.getTime())
  })
}

function suite(name: string, open: () => Promise<{ db: Database; close: () => Promise<void> }>) {
  describe(name, () => {
    let db: Database
    let close: () => Promise<void>
    before(async () => {
      ;({ db, close } = await open())
      await applyMigrations(db.sql)
    })
    after(async () => close?.())

    test('a batch is stored byte for byte, in order, with its user, node and time', async () => {
      const rows = batch('append')
      await appendUpdates(db.sql, rows)
      assertStored(await stored(db, 'append'), rows)
      const documents = await db.sql.query<{ name: string }>(
        `SELECT name FROM documents WHERE name LIKE 'append:%' ORDER BY name`,
      )
      assert.deepEqual(
        documents.map((d) => d.name),
        ['append:even', 'append:odd'],
      )
    })

    test('retrying a batch (a commit not acknowledged) stores nothing twice', async () => {
      const rows = batch('retry')
      await appendUpdates(db.sql, rows.slice(0, 3))
      await appendUpdates(db.sql, rows)
      await appendUpdates(db.sql, rows)
      assertStored(await stored(db, 'retry'), rows)
    })
  })
}

let postgres: PostgresInstance | undefined
suite('on Postgres', async () => {
  postgres = await startPostgres()
  const db = await openDatabase({ databaseUrl: postgres.url })
  return {
    db,
    close: async () => {
      await db.close()
      await postgres?.destroy()
    },
  }
})

suite('on embedded PGlite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'weft-updatelog-'))
  const db = await openDatabase({ dataDir })
  return {
    db,
    close: async () => {
      await db.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
})
