// Two nodes on a real Sentinel deployment (1 master, 1 replica, 3 sentinels): the master is failed
// over while users type on both nodes. Nothing typed is lost, fan-out resumes through the new
// master, both users end with the same content, and it is stored: a fresh client after a full
// restart of the fleet, reading from Postgres, sees every edit.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import {
  connectClient,
  migrate,
  type PostgresInstance,
  type RedisSentinelSetup,
  redisCli,
  type ServerNode,
  startNode,
  startPostgres,
  startRedisSentinel,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'

let sentinel: RedisSentinelSetup
let postgres: PostgresInstance
const nodes: ServerNode[] = []
const clients: TestClient[] = []

before(async () => {
  ;[sentinel, postgres] = await Promise.all([startRedisSentinel(), startPostgres()])
  migrate(postgres.url)
  for (const nodeId of ['node-a', 'node-b']) {
    nodes.push(await startNode({ nodeId, env: { ...sentinel.env, DATABASE_URL: postgres.url } }))
  }
})

after(async () => {
  for (const client of clients) client.destroy()
  await Promise.all(nodes.map((node) => node.kill()))
  await Promise.all([sentinel?.destroy(), postgres?.destroy()])
})

function connect(nodeIndex: number, documentName: string) {
  const client = connectClient(nodes[nodeIndex]?.wsUrl as string, documentName)
  clients.push(client)
  return client
}

/** A user appending a numbered word to the end of the text every `everyMs` until stopped. */
function typist(client: TestClient, label: string, everyMs: number) {
  const words: string[] = []
  const timer = setInterval(() => {
    const word = `[${label}${words.length}]`
    const text = client.doc.getText('text')
    text.insert(text.length, word)
    words.push(word)
  }, everyMs)
  return {
    words,
    stop: () => clearInterval(timer),
  }
}

/** Waits until an edit made on one node is seen on the other: fan-out works. */
async function fanOutWorks(from: TestClient, to: TestClient, marker: string) {
  const text = from.doc.getText('text')
  text.insert(text.length, marker)
  await waitFor(`${marker} to reach the other node`, () => textOf(to).includes(marker), {
    timeoutMs: 60_000,
  })
}

async function failOverWhileTyping(
  documentName: string,
  failover: () => Promise<{ from: number; to: number }>,
) {
  const a = connect(0, documentName)
  const b = connect(1, documentName)
  await Promise.all([a.synced(), b.synced()])
  await fanOutWorks(a, b, '<before>')

  const typingA = typist(a, 'a', 25)
  const typingB = typist(b, 'b', 25)
  // Type for a while on the old master, fail over, and keep typing until fan-out is back.
  await waitFor('some words typed', () => typingA.words.length >= 20 && typingB.words.length >= 20)
  const { to } = await failover()
  const wordsAtFailover = typingA.words.length + typingB.words.length
  await waitFor(
    'typing to go on after the failover',
    () => typingA.words.length + typingB.words.length >= wordsAtFailover + 40,
    { timeoutMs: 60_000 },
  )
  await waitFor(
    'both nodes ready again (Redis link up)',
    async () => {
      const states = await Promise.all(nodes.map((node) => node.readyz()))
      return states.every((state) => state.status === 200)
    },
    { timeoutMs: 60_000 },
  )
  // Both nodes are subscribed to the document on the new master.
  await waitFor(
    'both nodes subscribed on the new master',
    async () =>
      Number((await redisCli(to, 'PUBSUB', 'NUMSUB', `weft:${documentName}`)).split('\n')[1]) === 2,
    { timeoutMs: 60_000 },
  )
  typingA.stop()
  typingB.stop()
  await fanOutWorks(a, b, '<after-a>')
  await fanOutWorks(b, a, '<after-b>')

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
