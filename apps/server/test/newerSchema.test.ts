// A rolling update or a rollback leaves the previous image running on the newer release's
// schema (docs/decisions/0050): a node whose database a newer release expanded turns ready and
// keeps the update log; a node on a database contracted past it stays unready and says why.
// Both nodes serve probes on MANAGEMENT_PORT, as in the chart.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { applyMigrations, openDatabase, readMigrations } from '@weft/db'
import {
  connectClient,
  freePort,
  ManagedProcess,
  migrate,
  type PostgresInstance,
  REPO_ROOT,
  startNode,
  startPostgres,
  waitFor,
} from '@weft/testkit'
import pg from 'pg'

let postgres: PostgresInstance
const pools: pg.Pool[] = []
const stops: (() => Promise<unknown>)[] = []

before(async () => {
  postgres = await startPostgres()
})

after(async () => {
  for (const stop of stops) await stop()
  await Promise.all(pools.map((pool) => pool.end()))
  await postgres?.destroy()
})

/** A database `db:migrate` prepared, then migrated further by a newer release. */
async function newerDatabase(name: string, extra: { name: string; sql: string }[]) {
  const url = await postgres.createDatabase(name)
  migrate(url)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  pools.push(pool)
  const newer = await openDatabase({ databaseUrl: url, poolSize: 1 })
  try {
    const shipped = await readMigrations()
    await applyMigrations(newer.sql, [
      ...shipped,
      ...extra.map((m) => ({ ...m, checksum: m.name })),
    ])
  } finally {
    await newer.close()
  }
  return { url, pool }
}

test('expanded by a newer release: the node turns ready and logs edits', async () => {
  const db = await newerDatabase('node_expanded', [
    {
      name: '29990101000000_document_notes',
      sql: 'ALTER TABLE "document_updates" ADD COLUMN "note" TEXT;',
    },
  ])
  const node = await startNode({
    nodeId: 'old-image',
    env: { DATABASE_URL: db.url, REDIS_URL: '' },
    managementPort: true,
  })
  stops.push(() => node.stop())
  const ready = await node.readyz()
  assert.equal(ready.status, 200, JSON.stringify(ready.body))
  assert.notEqual(node.managementUrl, node.url)
  assert.equal((await fetch(`${node.url}/metrics`)).status, 404, 'no metrics on the public port')

  const client = connectClient(node.wsUrl, 'grid:newer-schema')
  await client.synced()
  client.doc.getText('text').insert(0, 'kept on a newer schema')
  await waitFor('the edit is in the update log', async () => {
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM document_updates WHERE document_name = 'grid:newer-schema'`,
    )
    return rows[0].n > 0
  })
  client.destroy()
})

test('contracted past this image: the node stays unready and names the migration', async () => {
  const db = await newerDatabase('node_contracted', [
    {
      name: '29990101000000_document_notes',
      sql: 'ALTER TABLE "document_updates" ADD COLUMN "note" TEXT;',
    },
    {
      name: '29990201000000_drop_notes_contract',
      sql: 'ALTER TABLE "document_updates" DROP COLUMN "note";',
    },
  ])
  const [port, managementPort] = [await freePort(), await freePort()]
  const child = new ManagedProcess(
    'old-image-2',
    process.execPath,
    [join('apps', 'server', 'src', 'main.ts')],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
        REDIS_URL: '',
        PORT: String(port),
        MANAGEMENT_PORT: String(managementPort),
        NODE_ID: 'old-image-2',
      },
    },
  )
  stops.push(() => child.stop())
  const body = await waitFor(
    'the node reports the contracted schema',
    async () => {
      if (!child.running) throw new Error(`exited: ${child.logs(20)}`)
      const response = await fetch(`http://127.0.0.1:${managementPort}/readyz`).catch(
        () => undefined,
      )
      if (!response) return false
      const report = (await response.json()) as { reasons: string[] }
      return (
        response.status === 503 && report.reasons.some((r) => r.includes('drop_notes_contract'))
      )
    },
    { timeoutMs: 30_000 },
  )
  assert.ok(body)
})
