// Two nodes and the presence service on a real, password-protected Sentinel deployment (1 master,
// 1 replica, 3 sentinels), started as the Helm chart's pods define them with redis.mode=sentinel
// and both passwords from an existing Secret. The master is failed over while users type on both
// nodes: nothing typed is lost, fan-out resumes through the new master, both users end with the
// same content, and it is stored: a fresh client after a full restart of the fleet, reading from
// Postgres, sees every edit. Presence and the tile limit work through the promoted master.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import {
  assertFanOutWorks,
  chartNodeSpec,
  connectClient,
  migrate,
  type PostgresInstance,
  placeTile,
  type RedisSentinelSetup,
  type ServerNode,
  startNode,
  startPostgres,
  startRedisSentinel,
  startWordTypist,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'

const PASSWORD = 'data-password-0123'
const SENTINEL_PASSWORD = 'sentinel-password-4567'
let sentinel: RedisSentinelSetup
let postgres: PostgresInstance
let presenceService: ServerNode
const nodes: ServerNode[] = []
const clients: TestClient[] = []

/** A pod of the chart (development install, Redis through the sentinels) as a local process. */
function chartPod(nodeId: string, component: 'server' | 'presence', env: Record<string, string>) {
  return chartNodeSpec({
    nodeId,
    component,
    values: {
      // A development install without tokens, allowed on purpose (as the harness fleet does).
      nodeEnv: 'development',
      allowOpenDevMode: true,
      database: { existingSecret: 'harness-postgres' },
      redis: {
        mode: 'sentinel',
        existingSecret: 'harness-redis',
        sentinel: {
          addresses: sentinel.sentinels.map(({ host, port }) => `${host}:${port}`),
          masterName: sentinel.masterName,
        },
      },
    },
    secrets: {
      'harness-postgres': { 'database-url': postgres.url },
      'harness-redis': { 'redis-password': PASSWORD, 'redis-sentinel-password': SENTINEL_PASSWORD },
    },
    // PRESENCE_URL names this test's replica.
    env,
  })
}

before(async () => {
  ;[sentinel, postgres] = await Promise.all([
    startRedisSentinel({ password: PASSWORD, sentinelPassword: SENTINEL_PASSWORD }),
    startPostgres(),
  ])
  migrate(postgres.url)
  const settings = {
    TILE_PLACEMENTS_PER_MINUTE: '4',
    PRESENCE_HEARTBEAT_MS: '500',
    PRESENCE_EXPIRY_MS: '2500',
    PRESENCE_POLL_MS: '250',
  }
  presenceService = await startNode(chartPod('presence-1', 'presence', settings))
  for (const nodeId of ['node-a', 'node-b']) {
    nodes.push(
      await startNode(
        chartPod(nodeId, 'server', { ...settings, PRESENCE_URL: presenceService.url }),
      ),
    )
  }
})

after(async () => {
  for (const client of clients) client.destroy()
  await Promise.all([...nodes, presenceService].map((node) => node?.kill()))
  await Promise.all([sentinel?.destroy(), postgres?.destroy()])
})

/** Open dev mode reads the user from an unverified token: enough to tell users apart. */
const token = (sub: string) =>
  mintAccessToken({ sub, name: sub, docs: { '*': 'write' } }, 'unverified-in-dev-mode-0123')

function connect(nodeIndex: number, documentName: string, user = '') {
  const client = connectClient(nodes[nodeIndex]?.wsUrl as string, documentName, user)
  clients.push(client)
  return client
}

async function failOverWhileTyping(
  documentName: string,
  failover: () => Promise<{ from: number; to: number }>,
) {
  const a = connect(0, documentName)
  const b = connect(1, documentName)
  await Promise.all([a.synced(), b.synced()])
  await assertFanOutWorks(a, b, '<before>')

  const typingA = startWordTypist(a, 'a', 25)
  const typingB = startWordTypist(b, 'b', 25)
  try {
    // Type for a while on the old master, fail over, and keep typing until fan-out is back.
    await waitFor(
      'some words typed',
      () => typingA.words.length >= 20 && typingB.words.length >= 20,
    )
    const { to } = await failover()
    const wordsAtFailover = typingA.words.length + typingB.words.length
    await waitFor(
      'typing to go on after the failover',
      () => typingA.words.length + typingB.words.length >= wordsAtFailover + 40,
      { timeoutMs: 60_000 },
    )
    let states: { status: number; body: unknown }[] = []
    await waitFor(
      'both nodes ready again (Redis link up)',
      async () => {
        states = await Promise.all(nodes.map((node) => node.readyz()))
        return states.every((state) => state.status === 200)
      },
      { timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(states)}`)
    })
    // Both nodes are subscribed to the document on the new master.
    await waitFor(
      'both nodes subscribed on the new master',
      async () =>
        Number(
          (await sentinel.command(to, 'PUBSUB', 'NUMSUB', `weft:${documentName}`)).split('\n')[1],
        ) === 2,
      { timeoutMs: 60_000 },
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
  await Promise.all([a.synced(), b.synced()])
  return every
}

/** Every word is stored: a full restart of the fleet, then a fresh client reads it from Postgres. */
async function assertStored(documentName: string, words: string[]) {
  await Promise.all(nodes.map((node) => node.stop()))
  for (const node of nodes) await node.start()
  const fresh = connect(1, documentName)
  await fresh.synced()
  const missing = words.filter((word) => !textOf(fresh).includes(word))
  assert.deepEqual(missing, [], 'every word typed on either node is in the stored document')
}

test('SENTINEL FAILOVER while users type on two nodes: nothing lost, fan-out resumes', async () => {
  const name = 'grid:sentinel-failover'
  const words = await failOverWhileTyping(name, () => sentinel.failover())
  assert.ok(words.length > 80, `${words.length} words typed`)
  await assertStored(name, words)
})

test('the master is killed while users type on two nodes: nothing lost, fan-out resumes', async () => {
  const name = 'grid:sentinel-master-killed'
  const words = await failOverWhileTyping(name, () => sentinel.killMaster())
  await assertStored(name, words)
})

test('after the failovers, presence and the tile limit work through the promoted master', async () => {
  const ada = connect(0, 'code:after-failover', await token('ada'))
  const bob = connect(1, 'code:after-failover', await token('bob'))
  await Promise.all([ada.synced(), bob.synced()])
  await waitFor(
    'both users listed by the presence service',
    async () => {
      const response = await fetch(`${presenceService.url}/api/presence`)
      const body = (await response.json()) as { documents: Record<string, { sub: string }[]> }
      const users = body.documents['code:after-failover'] ?? []
      return (
        users
          .map((user) => user.sub)
          .sort()
          .join() === 'ada,bob'
      )
    },
    { timeoutMs: 60_000 },
  )
  assert.equal((await fetch(`${presenceService.managementUrl}/readyz`)).status, 200)

  const board = 'canvas:after-failover/tiles'
  const onA = connect(0, board, await token('roamer'))
  const onB = connect(1, board, await token('roamer'))
  await Promise.all([onA.synced(), onB.synced()])
  const answers = []
  for (let i = 0; i < 6; i++) answers.push((await placeTile(i % 2 === 0 ? onA : onB, 2, i)).ok)
  // One window across both nodes, kept in Redis: per-node windows would allow all six.
  assert.deepEqual(answers, [true, true, true, true, false, false])
})
