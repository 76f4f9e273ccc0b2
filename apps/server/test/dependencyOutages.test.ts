// The durability model under outages of the real services: with Postgres down editing goes on
// and the log is written when it returns; with Redis down each node serves its own clients,
// readiness stays 200 with the reason under `degraded`, and the nodes converge when Redis returns.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { clientPool, type Fleet, startFleet, textOf, waitFor } from '@weft/testkit'

let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 2 })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

async function metric(nodeIndex: number, name: string): Promise<number> {
  const text = await (await fetch(`${fleet.nodes[nodeIndex]?.url}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
}

test('Postgres down: editing goes on, and every edit is in the database after it returns', async () => {
  const name = 'grid:pg-outage'
  const a = clients.connect(0, name)
  const b = clients.connect(1, name)
  await Promise.all([a.synced(), b.synced()])
  a.doc.getText('text').insert(0, 'before. ')
  await waitFor('b sees a', () => textOf(b) === 'before. ')

  await fleet.postgres.stop()
  for (let i = 0; i < 20; i++) {
    a.doc.getText('text').insert(0, `a${i} `)
    b.doc.getMap('cells').set(`B${i}`, i)
  }
  await waitFor(
    'edits still reach the other node',
    () => b.doc.getText('text').toString().startsWith('a19 ') && a.doc.getMap('cells').size === 20,
  )
  await waitFor(
    'node A notices the database is down',
    async () => (await metric(0, 'weft_database_up')) === 0,
  )
  const ready = await fetch(`${fleet.nodes[0]?.url}/readyz`)
  assert.equal(ready.status, 200, 'a database outage alone keeps the node ready')
  assert.ok(((await ready.json()) as { degraded: string[] }).degraded.length > 0)
  assert.ok((await metric(0, 'weft_persistence_queue_updates')) > 0, 'updates are queued')

  await fleet.postgres.start()
  await waitFor(
    'queues drained',
    async () =>
      (await metric(0, 'weft_persistence_queue_updates')) === 0 &&
      (await metric(1, 'weft_persistence_queue_updates')) === 0,
    { timeoutMs: 30_000 },
  )
  const expected = textOf(a)
  for (const c of [a, b]) c.destroy()
  await fleet.restartAll()
  const reader = clients.connect(1, name)
  await reader.synced()
  assert.equal(textOf(reader), expected)
  assert.equal(reader.doc.getMap('cells').size, 20)
})

test('Redis down: each node serves its own clients and stays ready (degraded), nodes converge when it returns', async () => {
  const name = 'code:redis-outage'
  const a = clients.connect(0, name)
  const b = clients.connect(1, name)
  await Promise.all([a.synced(), b.synced()])

  await fleet.redis.stop()
  await waitFor('node A reports the outage', async () => (await metric(0, 'weft_redis_up')) === 0)
  // A shared dependency is down for every pod at once: readiness must not empty the Service.
  for (const node of fleet.nodes) {
    const ready = await fetch(`${node.url}/readyz`)
    assert.equal(ready.status, 200, 'a Redis outage keeps every node ready')
    const body = (await ready.json()) as { reasons: string[]; degraded: string[] }
    assert.ok(
      body.degraded.some((reason) => reason.startsWith('redis unavailable')),
      JSON.stringify(body),
    )
  }
  assert.equal(await metric(0, 'weft_degraded\\{reason="redis"\\}'), 1)

  a.doc.getText('text').insert(0, 'written on A while Redis was down. ')
  b.doc.getText('text').insert(0, 'written on B while Redis was down. ')
  await a.synced()
  await b.synced()
  // A second client of node A still gets node A's edits.
  const a2 = clients.connect(0, name)
  await waitFor('same-node client sees A', () => textOf(a2).includes('written on A'))

  await fleet.redis.start()
  await waitFor(
    'convergence after Redis returns',
    () =>
      textOf(a).includes('written on B') &&
      textOf(b).includes('written on A') &&
      textOf(a) === textOf(b),
    { timeoutMs: 30_000 },
  )
  await waitFor(
    'node A no longer degraded',
    async () =>
      ((await (await fetch(`${fleet.nodes[0]?.url}/readyz`)).json()) as { degraded: string[] })
        .degraded.length === 0,
  )
  assert.equal(await metric(0, 'weft_degraded\\{reason="redis"\\}'), 0)
})
