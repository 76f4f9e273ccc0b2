// Three nodes share Redis and Postgres: clients on different nodes converge, and the update log
// holds every client update exactly once (the receiving node logs it; fan-out does not).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { clientPool, type Fleet, startFleet, type TestClient, textOf, waitFor } from '@weft/testkit'
import pg from 'pg'

let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 3 })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

/** Records every update a client's own edits produce (what it sends to its node). */
function recordLocalUpdates(c: TestClient): Uint8Array[] {
  const sent: Uint8Array[] = []
  c.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== c.provider) sent.push(update)
  })
  return sent
}

test('clients on node A and node B converge on concurrent edits', async () => {
  const a = clients.connect(0, 'grid:converge')
  const b = clients.connect(1, 'grid:converge')
  await Promise.all([a.synced(), b.synced()])
  // Concurrent: both edit before either sees the other's change.
  a.doc.getText('text').insert(0, 'hello from A. ')
  b.doc.getText('text').insert(0, 'hello from B. ')
  a.doc.getMap('cells').set('A1', 'alpha')
  b.doc.getMap('cells').set('A1', 'beta')
  await waitFor(
    'convergence',
    () =>
      textOf(a) === textOf(b) &&
      textOf(a).length === 28 &&
      a.doc.getMap('cells').get('A1') === b.doc.getMap('cells').get('A1'),
  )
  assert.match(textOf(a), /hello from A\. /)
  assert.match(textOf(b), /hello from B\. /)
})

test('the update log holds each client update exactly once with 3 nodes sharing a document', async () => {
  const name = 'code:exactly-once'
  const writers = [clients.connect(0, name), clients.connect(1, name), clients.connect(2, name)]
  await Promise.all(writers.map((w) => w.synced()))
  const sent = writers.map(recordLocalUpdates)
  for (let round = 0; round < 30; round++) {
    writers.forEach((w, i) => {
      w.doc.getText('text').insert(0, `${i}:${round} `)
    })
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  await Promise.all(writers.map((w) => w.synced()))
  await waitFor('all nodes see all edits', () =>
    writers.every((w) => textOf(w) === textOf(writers[0] as TestClient)),
  )

  const expected = sent
    .flat()
    .map((update) => Buffer.from(update).toString('base64'))
    .sort()
  const db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
  try {
    const rows = await waitFor('every update logged', async () => {
      const result = await db.query(
        'SELECT "update", node_id FROM document_updates WHERE document_name = $1',
        [name],
      )
      return result.rows.length >= expected.length ? result.rows : undefined
    })
    const logged = rows.map((row: { update: Buffer }) => row.update.toString('base64')).sort()
    assert.equal(logged.length, expected.length, 'one row per client update, none twice')
    assert.deepEqual(logged, expected)
    const nodes = new Set(rows.map((row: { node_id: string }) => row.node_id))
    assert.deepEqual(
      [...nodes].sort(),
      ['node-a', 'node-b', 'node-c'],
      'each node logged its own clients',
    )
  } finally {
    await db.end()
  }
})
