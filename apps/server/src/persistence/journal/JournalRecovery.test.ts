// A dead node's journal reaches the update log, whichever image wrote it: a stream of turns (one
// entry per event-loop turn, this image) and a stream of one entry per update (the image before
// it, met during a rolling upgrade) are both replayed with their keys and attribution, and a load
// reads both. Real Redis, real embedded Postgres (PGlite).
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { applyMigrations, type Database, openDatabase } from '@weft/db'
import { type RedisInstance, startRedis, waitFor } from '@weft/testkit'
import { Redis } from 'ioredis'
import { createLogger } from '../../logger.ts'
import { Metrics } from '../../metrics/Metrics.ts'
import { Journal } from './Journal.ts'
import { JournalRecovery } from './JournalRecovery.ts'
import { journalBoot, journalKeys } from './journalKeys.ts'

let redis: RedisInstance
let connection: Redis
let db: Database
let dataDir: string

before(async () => {
  redis = await startRedis()
  connection = new Redis(redis.url)
  dataDir = await mkdtemp(join(tmpdir(), 'weft-journal-'))
  db = await openDatabase({ dataDir })
  await applyMigrations(db.sql)
})

after(async () => {
  await db?.close()
  connection?.disconnect()
  await redis?.destroy()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

const logger = createLogger({ level: 'silent', nodeId: 'test' })

/** A journal of this boot of `nodeId` on the test's Redis, not yet started. */
function journalOf(nodeId: string): Journal {
  return new Journal({
    redis: connection,
    nodeId,
    bootId: 'b1',
    heartbeatMs: 60_000,
    expiryMs: 120_000,
    logger,
    metrics: new Metrics(),
  })
}

test("a dead node's turns and an earlier image's entries are both replayed", async () => {
  await waitFor('redis ready', () => connection.status === 'ready')
  // This image's node: two turns, then a stop that leaves its uncommitted journal for a survivor.
  const journal = journalOf('node-x')
  journal.start()
  const row = (seq: number, documentName: string) => ({
    seq,
    documentName,
    updateKey: `node-x:b1:${seq}`,
    update: new Uint8Array([seq, 1, 2]),
    userId: seq === 2 ? null : `user-${seq}`,
    userName: seq === 2 ? null : `User ${seq}`,
    nodeId: 'node-x',
    receivedAt: new Date(1_764_800_000_000 + seq),
  })
  journal.add(row(1, 'text:turns'))
  journal.add(row(2, 'text:turns'))
  assert.equal(await journal.sync(), true)
  journal.add(row(3, 'text:other'))
  assert.equal(await journal.sync(), true)
  assert.equal(await connection.xlen(journal.stream), 2, 'one entry per turn')
  await journal.stop(false)

  // The image before: one entry per update, registered where it registered them.
  const legacyStream = journalKeys.stream(journalBoot('node-old', 'b0'))
  await connection.xadd(
    legacyStream,
    '0-7',
    ...['d', 'text:turns', 'k', 'node-old:b0:7', 'u', Buffer.from([7, 7]), 'n', 'node-old'],
    ...['t', '1764800000007', 'ui', 'user-7', 'un', 'User 7'],
  )
  await connection.sadd(journalKeys.legacyRegistry, legacyStream)

  const recovery = new JournalRecovery({
    redis: connection,
    sql: db.sql,
    nodeId: 'node-y',
    ownStream: journalKeys.stream(journalBoot('node-y', 'b9')),
    sweepMs: 60_000,
    logger,
    metrics: new Metrics(),
  })
  const onLoad = await recovery.entriesFor('text:turns')
  assert.deepEqual(
    onLoad.map((update) => [...update]),
    [
      [1, 1, 2],
      [2, 1, 2],
      [7, 7],
    ],
    'a load reads both streams',
  )

  await recovery.sweep()
  const rows = await db.sql.query<{
    update_key: string
    document_name: string
    user_name: string | null
    update: Uint8Array
  }>(
    `SELECT update_key, document_name, user_name, "update" FROM document_updates ORDER BY update_key`,
  )
  assert.deepEqual(
    rows.map((r) => [r.update_key, r.document_name, r.user_name, [...new Uint8Array(r.update)]]),
    [
      ['node-old:b0:7', 'text:turns', 'User 7', [7, 7]],
      ['node-x:b1:1', 'text:turns', 'User 1', [1, 1, 2]],
      ['node-x:b1:2', 'text:turns', null, [2, 1, 2]],
      ['node-x:b1:3', 'text:other', 'User 3', [3, 1, 2]],
    ],
  )
  assert.equal(await connection.exists(journal.stream, legacyStream), 0, 'replayed streams go')
  assert.equal(await connection.scard(journalKeys.registry), 0)
  assert.equal(await connection.scard(journalKeys.legacyRegistry), 0)
})

test('a load reads a journal longer than one page, every turn once and in order', async () => {
  await waitFor('redis ready', () => connection.status === 'ready')
  const journal = journalOf('node-long')
  journal.start()
  // 250 turns (pages are 100 entries), every third for another document.
  const turns = 250
  for (let seq = 1; seq <= turns; seq++) {
    journal.add({
      seq,
      documentName: seq % 3 === 0 ? 'text:elsewhere' : 'text:long',
      updateKey: `node-long:b1:${seq}`,
      update: new Uint8Array([seq % 256, seq >> 8]),
      userId: null,
      userName: null,
      nodeId: 'node-long',
      receivedAt: new Date(1_764_800_000_000 + seq),
    })
    assert.equal(await journal.sync(), true)
  }
  assert.equal(await connection.xlen(journal.stream), turns)
  const recovery = new JournalRecovery({
    redis: connection,
    sql: db.sql,
    nodeId: 'node-reader',
    ownStream: journalKeys.stream(journalBoot('node-reader', 'b1')),
    sweepMs: 60_000,
    logger,
    metrics: new Metrics(),
  })
  const onLoad = await recovery.entriesFor('text:long')
  const expected = []
  for (let seq = 1; seq <= turns; seq++) if (seq % 3 !== 0) expected.push([seq % 256, seq >> 8])
  assert.deepEqual(
    onLoad.map((update) => [...update]),
    expected,
  )
  await journal.stop(false)
})
