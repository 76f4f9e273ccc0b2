// The session record survives outages of the real services: sessions opened and closed, and
// refused attempts, while Postgres, Redis or both are down are all in Postgres afterwards.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'
import pg from 'pg'

const SECRET = 'records-secret-0123456789'
const DOC = 'grid:records'
let fleet: Fleet
let holder: TestClient

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET, presence: true })
  // Keeps the document loaded, so new sessions can open while the database is down.
  holder = connectClient(fleet.nodes[0]?.wsUrl as string, DOC, await token('holder'))
  await holder.synced()
})

after(async () => {
  holder?.destroy()
  await fleet?.destroy()
})

function token(sub: string, docs: Record<string, 'read' | 'write'> = { 'grid:*': 'write' }) {
  return mintAccessToken({ sub, name: sub, docs }, SECRET)
}

/** Opens and closes one session and makes one refused attempt, as user `who`. */
async function sessionAndRefusal(who: string) {
  const visitor = connectClient(fleet.nodes[0]?.wsUrl as string, DOC, await token(who))
  await visitor.synced()
  visitor.destroy()
  const refused = connectClient(
    fleet.nodes[0]?.wsUrl as string,
    'canvas:secret',
    await token(`${who}-refused`),
  )
  await waitFor('refusal', () => refused.refusals.length > 0)
  refused.destroy()
}

async function recorded(who: string): Promise<boolean> {
  const db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
  try {
    const sessions = await db.query('SELECT status FROM sessions WHERE user_id = $1', [who])
    const refusals = await db.query('SELECT code FROM refused_connections WHERE user_id = $1', [
      `${who}-refused`,
    ])
    return (
      sessions.rows.length === 1 &&
      sessions.rows[0].status === 'closed' &&
      refusals.rows.length === 1 &&
      refusals.rows[0].code === 4403
    )
  } finally {
    await db.end()
  }
}

test('no session record is lost while Postgres is down', async () => {
  await fleet.postgres.stop()
  await sessionAndRefusal('during-pg-outage')
  await fleet.postgres.start()
  await waitFor('records written after Postgres returns', () => recorded('during-pg-outage'), {
    timeoutMs: 30_000,
  })
})

test('a connection refused because the database is down is recorded when it returns', async () => {
  await fleet.postgres.stop()
  // A document no node has loaded cannot be served without the database.
  const visitor = connectClient(
    fleet.nodes[1]?.wsUrl as string,
    'grid:never-loaded',
    await token('unlucky'),
  )
  await waitFor(
    'the load fails',
    () => visitor.closeCodes.length > 0 || visitor.refusals.length > 0,
    { timeoutMs: 30_000 },
  ).catch(() => {})
  visitor.destroy()
  await fleet.postgres.start()
  await waitFor(
    'dependency-down refusal recorded',
    async () => {
      const db = new pg.Client({ connectionString: fleet.databaseUrl })
      await db.connect()
      try {
        const rows = await db.query(
          'SELECT code, reason FROM refused_connections WHERE user_id = $1',
          ['unlucky'],
        )
        return rows.rows.some((row) => row.code === 1011 && /dependency down/.test(row.reason))
      } finally {
        await db.end()
      }
    },
    { timeoutMs: 30_000 },
  )
})

test('no session record is lost while Redis is down', async () => {
  await fleet.redis.stop()
  await sessionAndRefusal('during-redis-outage')
  await fleet.redis.start()
  await waitFor('records written', () => recorded('during-redis-outage'), { timeoutMs: 30_000 })
})

test('no session record is lost while both are down', async () => {
  await Promise.all([fleet.redis.stop(), fleet.postgres.stop()])
  await sessionAndRefusal('during-both-outage')
  await Promise.all([fleet.redis.start(), fleet.postgres.start()])
  await waitFor('records written', () => recorded('during-both-outage'), { timeoutMs: 30_000 })
  assert.ok(await recorded('during-pg-outage'), 'earlier records are still there')
})
