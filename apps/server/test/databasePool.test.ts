// DATABASE_POOL_MAX bounds the Postgres connections one node holds, whatever its load: the chart
// multiplies it by the most pods it can run to stay under Postgres's max_connections.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  connectClient,
  migrate,
  type PostgresInstance,
  type ServerNode,
  startNode,
  startPostgres,
  type TestClient,
  waitFor,
} from '@weft/testkit'
import pg from 'pg'

let postgres: PostgresInstance
let node: ServerNode
let url: string
const clients: TestClient[] = []

before(async () => {
  postgres = await startPostgres()
  url = await postgres.createDatabase('pool_bound')
  migrate(url)
  node = await startNode({
    nodeId: 'pooled',
    env: { DATABASE_URL: url, REDIS_URL: '', DATABASE_POOL_MAX: '2' },
  })
})

after(async () => {
  for (const client of clients) client.destroy()
  await node?.stop()
  await postgres?.destroy()
})

test('thirty documents loaded and edited at once use at most DATABASE_POOL_MAX connections', async () => {
  // Watched from another database, so this watcher's own connection is not counted.
  const admin = new pg.Client({ connectionString: url.replace(/\/pool_bound$/, '/postgres') })
  await admin.connect()
  let peak = 0
  let watching = true
  const watcher = (async () => {
    while (watching) {
      const { rows } = await admin.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'pool_bound'`,
      )
      peak = Math.max(peak, rows[0].n)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  })()
  try {
    for (let i = 0; i < 30; i++) clients.push(connectClient(node.wsUrl, `grid:pool-${i}`))
    await Promise.all(clients.map((client) => client.synced()))
    clients.forEach((client, i) => {
      client.doc.getText('text').insert(0, `document ${i}`)
    })
    await Promise.all(clients.map((client) => client.synced()))
    await waitFor('the node has logged every edit', async () => {
      const text = await (await fetch(`${node.managementUrl}/metrics`)).text()
      return (
        /^weft_persistence_queue_updates 0$/m.test(text) &&
        /^weft_updates_persisted_total ([3-9]\d|\d{3,})$/m.test(text)
      )
    })
  } finally {
    watching = false
    await watcher
    await admin.end()
  }
  assert.ok(peak >= 1 && peak <= 2, `the node held up to ${peak} connections`)

  const reader = new pg.Client({ connectionString: url })
  await reader.connect()
  try {
    const { rows } = await reader.query(
      `SELECT count(DISTINCT document_name)::int AS n FROM document_updates WHERE document_name LIKE 'grid:pool-%'`,
    )
    assert.equal(rows[0].n, 30)
  } finally {
    await reader.end()
  }
})
