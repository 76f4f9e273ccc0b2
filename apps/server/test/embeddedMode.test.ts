// `npm start`'s mode: one node, no Redis, no Postgres — the embedded database under DATA_DIR,
// migrated by the node itself; data survives a restart.
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { connectClient, type ServerNode, startNode } from '@weft/testkit'

let dataDir: string
let node: ServerNode

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'weft-embedded-'))
  node = await startNode({
    nodeId: 'solo',
    env: { DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '' },
  })
})

after(async () => {
  await node?.kill()
  await rm(dataDir, { recursive: true, force: true })
})

test('an embedded node keeps documents across a restart', async () => {
  const writer = connectClient(node.wsUrl, 'grid:embedded')
  await writer.synced()
  for (let i = 0; i < 50; i++) writer.doc.getMap('cells').set(`A${i}`, `value ${i}`)
  writer.doc.getText('text').insert(0, 'kept across restarts')
  await writer.synced()
  writer.destroy()

  assert.equal(await node.stop(), 0)
  await node.start()

  const reader = connectClient(node.wsUrl, 'grid:embedded')
  await reader.synced()
  assert.equal(reader.doc.getMap('cells').size, 50)
  assert.equal(reader.doc.getMap('cells').get('A49'), 'value 49')
  assert.equal(reader.doc.getText('text').toString(), 'kept across restarts')
  reader.destroy()
})

test('the landing page and the probes answer', async () => {
  const landing = await fetch(`${node.url}/`)
  assert.equal(landing.status, 200)
  assert.match(await landing.text(), /Weft/)
  assert.equal((await fetch(`${node.url}/healthz`)).status, 200)
  const ready = await fetch(`${node.url}/readyz`)
  assert.equal(ready.status, 200)
  const metrics = await (await fetch(`${node.url}/metrics`)).text()
  assert.match(metrics, /^weft_updates_persisted_total \d+/m)
  assert.match(metrics, /^nodejs_eventloop_lag_p99_seconds /m)
})

test('an embedded node answers /api/presence itself, from its own connections', async () => {
  const header = Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')
  const body = Buffer.from('{"sub":"solo-user","name":"Solo"}').toString('base64url')
  const client = connectClient(node.wsUrl, 'canvas:embedded-presence', `${header}.${body}.`)
  await client.synced()
  const snapshot = (await (await fetch(`${node.url}/api/presence`)).json()) as {
    documents: Record<string, { sub: string; name: string }[]>
  }
  assert.deepEqual(snapshot.documents['canvas:embedded-presence'], [
    { sub: 'solo-user', name: 'Solo', nodes: ['solo'], connections: 1 },
  ])
  client.destroy()
})
