// Two nodes on a real Redis Cluster with a replica per master (6 processes): the cluster node that
// holds the fan-out's subscriptions is killed while users type on both nodes. ioredis moves the
// subscriptions to another node (and, for a master, the cluster promotes its replica); nothing
// typed is lost, fan-out carries new edits both ways, and both users end with the same text.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  assertFanOutWorks,
  connectClient,
  migrate,
  type PostgresInstance,
  type RedisClusterSetup,
  redisCli,
  type ServerNode,
  startNode,
  startPostgres,
  startRedisCluster,
  startWordTypist,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'

let cluster: RedisClusterSetup
let postgres: PostgresInstance
const nodes: ServerNode[] = []
const clients: TestClient[] = []

before(async () => {
  ;[cluster, postgres] = await Promise.all([
    startRedisCluster({ masters: 3, replicasPerMaster: 1 }),
    startPostgres(),
  ])
  migrate(postgres.url)
  for (const nodeId of ['node-a', 'node-b']) {
    nodes.push(await startNode({ nodeId, env: { ...cluster.env, DATABASE_URL: postgres.url } }))
  }
})

after(async () => {
  for (const client of clients) client.destroy()
  await Promise.all(nodes.map((node) => node.kill()))
  await Promise.all([cluster?.destroy(), postgres?.destroy()])
})

function connect(nodeIndex: number, documentName: string) {
  const client = connectClient(nodes[nodeIndex]?.wsUrl as string, documentName)
  clients.push(client)
  return client
}

/** Ports of the live cluster nodes holding a fan-out subscriber connection (CLIENT LIST names). */
async function subscriberHosts(): Promise<number[]> {
  const hosts: number[] = []
  for (const [port, child] of cluster.processes) {
    if (!child.running) continue
    const list = await redisCli(port, 'CLIENT', 'LIST')
    if (list.includes('weft:fanout-subscriber')) hosts.push(port)
  }
  return hosts
}

/** Subscribers of a channel summed over the live nodes. */
async function subscribers(channel: string): Promise<number> {
  let sum = 0
  for (const [port, child] of cluster.processes) {
    if (!child.running) continue
    sum += Number((await redisCli(port, 'PUBSUB', 'NUMSUB', channel)).split('\n')[1])
  }
  return sum
}

test('the node holding the subscriptions dies while users type: nothing lost, fan-out goes on', async () => {
  const name = 'grid:cluster-node-dies'
  const a = connect(0, name)
  const b = connect(1, name)
  await Promise.all([a.synced(), b.synced()])
  await assertFanOutWorks(a, b, '<before>')
  const [victim] = await subscriberHosts()
  assert.ok(victim, 'a cluster node holds a fan-out subscriber')

  const typingA = startWordTypist(a, 'a', 25)
  const typingB = startWordTypist(b, 'b', 25)
  try {
    await waitFor('some words typed', () => typingA.words.length >= 20)
    await cluster.killNode(victim)
    const typed = typingA.words.length + typingB.words.length
    await waitFor(
      'typing to go on after the cluster healed',
      () => typingA.words.length + typingB.words.length >= typed + 40,
      { timeoutMs: 60_000 },
    )
    await waitFor(
      'both nodes subscribed again on live nodes',
      async () => (await subscribers(`weft:${name}`)) === 2,
      {
        timeoutMs: 60_000,
      },
    )
  } finally {
    typingA.stop()
    typingB.stop()
  }
  await assertFanOutWorks(a, b, '<after-a>')
  await assertFanOutWorks(b, a, '<after-b>')
  const every = [...typingA.words, ...typingB.words, '<before>', '<after-a>', '<after-b>']
  await waitFor(
    'both users to hold the same text with every word',
    () => textOf(a) === textOf(b) && every.every((word) => textOf(a).includes(word)),
    { timeoutMs: 60_000 },
  )
})
