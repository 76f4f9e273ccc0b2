// A document that leaves a node is folded into a snapshot, also when nothing changed between
// its last save and the unload (Hocuspocus then unloads without a save).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { clientPool, type Fleet, startFleet, waitFor } from '@weft/testkit'
import pg from 'pg'

let fleet: Fleet
let db: pg.Client
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 1 })
  db = new pg.Client({ connectionString: fleet.databaseUrl })
  await db.connect()
})

after(async () => {
  clients.destroyAll()
  await db?.end()
  await fleet?.destroy()
})

async function logState(name: string) {
  const { rows } = await db.query<{ rows: string; uncompacted: string; snapshots: string }>(
    `SELECT (SELECT count(*) FROM document_updates WHERE document_name = $1) AS rows,
            (SELECT count(*) FROM document_updates WHERE document_name = $1 AND snapshot_id IS NULL) AS uncompacted,
            (SELECT count(*) FROM snapshots WHERE document_name = $1) AS snapshots`,
    [name],
  )
  const row = rows[0] as { rows: string; uncompacted: string; snapshots: string }
  return {
    rows: Number(row.rows),
    uncompacted: Number(row.uncompacted),
    snapshots: Number(row.snapshots),
  }
}

test('edits saved while connected are compacted once the last client leaves', async () => {
  const name = 'grid:unload-compaction'
  const client = clients.connect(0, name)
  await client.synced()
  for (let i = 0; i < 10; i++) client.doc.getMap('cells').set(`c${i}`, i)
  // The debounced save runs while the client is still connected (1 s after the last change).
  await waitFor('the edits logged', async () => (await logState(name)).rows === 10)
  await new Promise((resolve) => setTimeout(resolve, 2_500))
  client.destroy()
  const state = await waitFor('a snapshot holding every row', async () => {
    const s = await logState(name)
    return s.snapshots > 0 && s.uncompacted === 0 ? s : undefined
  })
  assert.equal(state.rows, 10)
})
