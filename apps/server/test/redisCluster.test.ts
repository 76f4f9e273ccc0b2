// Two nodes and the presence service on a real 3-master Redis Cluster: fan-out works for
// documents whose channels hash to slots on every master, presence (one MULTI per change, keys
// under one hash tag) lists users of both nodes, and the tile limiter's script keeps one window
// per user across the fleet.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import {
  connectClient,
  migrate,
  type PostgresInstance,
  placeTile,
  type RedisClusterSetup,
  redisCli,
  type ServerNode,
  startNode,
  startPostgres,
  startRedisCluster,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'

const SECRET = 'cluster-secret-0123456789'
let cluster: RedisClusterSetup
let postgres: PostgresInstance
let presenceService: ServerNode
const nodes: ServerNode[] = []
const clients: TestClient[] = []

before(async () => {
  ;[cluster, postgres] = await Promise.all([startRedisCluster({ masters: 3 }), startPostgres()])
  migrate(postgres.url)
  const env = {
    ...cluster.env,
    DATABASE_URL: postgres.url,
    AUTH_SECRET: SECRET,
    TILE_PLACEMENTS_PER_MINUTE: '4',
    PRESENCE_HEARTBEAT_MS: '500',
    PRESENCE_EXPIRY_MS: '2500',
    PRESENCE_POLL_MS: '250',
  }
  presenceService = await startNode({
    nodeId: 'presence-1',
    env,
    command: [process.execPath, 'apps/presence/src/main.ts'],
  })
  for (const nodeId of ['node-a', 'node-b']) {
    nodes.push(await startNode({ nodeId, env: { ...env, PRESENCE_URL: presenceService.url } }))
  }
})

after(async () => {
  for (const client of clients) client.destroy()
  await Promise.all([...nodes, presenceService].map((node) => node?.kill()))
  await Promise.all([cluster?.destroy(), postgres?.destroy()])
})

const token = (sub: string) => mintAccessToken({ sub, name: sub, docs: { '*': 'write' } }, SECRET)

async function connect(nodeIndex: number, documentName: string, user: string) {
  const client = connectClient(nodes[nodeIndex]?.wsUrl as string, documentName, await token(user))
  clients.push(client)
  await client.synced()
  return client
}

test('fan-out works for documents whose channels live on every master', async () => {
  // Pick documents until every master owns the channel of at least two of them.
  const byOwner = new Map<number, string[]>()
  for (let i = 0; [...byOwner.values()].filter((names) => names.length >= 2).length < 3; i++) {
    const name = `grid:slot-${i}`
    const owner = await cluster.ownerOf(`weft:${name}`)
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), name])
  }
  const documents = [...byOwner.values()].flatMap((names) => names.slice(0, 2))
  assert.equal(new Set(byOwner.keys()).size, 3, 'channels on three different masters')

  const pairs = await Promise.all(
    documents.map(async (name) => ({
      name,
      a: await connect(0, name, 'ada'),
      b: await connect(1, name, 'bob'),
    })),
  )
  for (const { name, a, b } of pairs) {
    a.doc.getText('text').insert(0, `A wrote ${name}. `)
    b.doc.getText('text').insert(0, `B wrote ${name}. `)
  }
  for (const { name, a, b } of pairs) {
    await waitFor(`${name} converged across nodes`, () => {
      const text = textOf(a)
      return (
        text === textOf(b) && text.includes(`A wrote ${name}.`) && text.includes(`B wrote ${name}.`)
      )
    })
  }
  // Each document's channel has a subscriber from each node (counted on every cluster node).
  for (const name of documents) {
    const counts = await Promise.all(
      cluster.ports.map(async (port) =>
        Number((await redisCli(port, 'PUBSUB', 'NUMSUB', `weft:${name}`)).split('\n')[1]),
      ),
    )
    assert.equal(
      counts.reduce((sum, count) => sum + count, 0),
      2,
      `${name}: both nodes subscribed`,
    )
  }
})

test('presence lists users of both nodes through the cluster', async () => {
  await connect(0, 'code:cluster-team', 'cy')
  await connect(1, 'code:cluster-team', 'dee')
  const viewer = await token('ops')
  await waitFor('both users online in the presence service', async () => {
    const response = await fetch(`${presenceService.url}/api/presence`, {
      headers: { Authorization: `Bearer ${viewer}` },
    })
    const body = (await response.json()) as {
      documents: Record<string, { sub: string; nodes: string[] }[]>
    }
    const users = body.documents['code:cluster-team'] ?? []
    return (
      users
        .map((user) => user.sub)
        .sort()
        .join() === 'cy,dee'
    )
  })
  const ready = await fetch(`${presenceService.url}/readyz`)
  assert.equal(ready.status, 200)
})

test('the tile limit is one window per user across both nodes', async () => {
  const board = 'canvas:cluster-place/tiles'
  const onA = await connect(0, board, 'roamer')
  const onB = await connect(1, board, 'roamer')
  const answers = []
  for (let i = 0; i < 6; i++) answers.push((await placeTile(i % 2 === 0 ? onA : onB, 1, i)).ok)
  // Per-node windows (the fallback when Redis fails) would allow 4 on each node: 6 of 6.
  assert.deepEqual(answers, [true, true, true, true, false, false])
})
