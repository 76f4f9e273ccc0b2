// The factory against real servers in each mode: commands, a Lua script, and pub/sub between a
// subscriber and a command connection; on a cluster, subscribers are counted on every node.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { RedisConfig } from '@weft/config'
import {
  type RedisClusterSetup,
  type RedisInstance,
  type RedisSentinelSetup,
  redisCli,
  startRedis,
  startRedisCluster,
  startRedisSentinel,
  waitFor,
} from '@weft/testkit'
import {
  createRedisConnection,
  isCluster,
  type RedisConnection,
  subscriberCount,
} from '../src/index.ts'

let single: RedisInstance
let sentinel: RedisSentinelSetup
let cluster: RedisClusterSetup
const open: RedisConnection[] = []

before(async () => {
  ;[single, sentinel, cluster] = await Promise.all([
    startRedis(),
    startRedisSentinel(),
    startRedisCluster({ masters: 3 }),
  ])
})

after(async () => {
  for (const connection of open) connection.disconnect()
  await Promise.all([single?.destroy(), sentinel?.destroy(), cluster?.destroy()])
})

const configs = (): [string, RedisConfig][] => [
  ['standalone', { mode: 'standalone', url: single.url }],
  [
    'sentinel',
    { mode: 'sentinel', sentinels: sentinel.sentinels, masterName: sentinel.masterName },
  ],
  [
    'cluster',
    { mode: 'cluster', nodes: cluster.ports.map((port) => ({ host: '127.0.0.1', port })) },
  ],
]

function connect(config: RedisConfig, role: 'command' | 'subscriber', name: string) {
  const connection = createRedisConnection(config, { name, role })
  open.push(connection)
  return connection
}

test('every mode runs commands, a script, and pub/sub on separate connections', async () => {
  for (const [mode, config] of configs()) {
    const command = connect(config, 'command', `${mode}-command`)
    const subscriber = connect(config, 'subscriber', `${mode}-subscriber`)
    await command.set(`test:{${mode}}:key`, 'value')
    assert.equal(await command.get(`test:{${mode}}:key`), 'value', mode)
    const scripted = await command.eval(
      "return redis.call('INCRBY', KEYS[1], ARGV[1])",
      1,
      `test:{${mode}}:counter`,
      '5',
    )
    assert.equal(scripted, 5, mode)

    const received: string[] = []
    subscriber.on('message', (_channel: string, message: string) => received.push(message))
    // Channels on different cluster slots, so a cluster delivers across nodes.
    const channels = ['weft:a', 'weft:b', 'weft:c', 'weft:d']
    await subscriber.subscribe(...channels)
    for (const channel of channels) await command.publish(channel, `${mode}:${channel}`)
    await waitFor(`${mode}: every message delivered`, () => received.length === channels.length)
    assert.deepEqual(received.sort(), channels.map((channel) => `${mode}:${channel}`).sort())
    assert.equal(isCluster(command), mode === 'cluster')
  }
})

test('connections are named in CLIENT LIST, so an operator can tell their users apart', async () => {
  const [, config] = configs()[0] as [string, RedisConfig]
  const command = connect(config, 'command', 'journal')
  await command.ping()
  const list = (await command.client('LIST')) as string
  assert.match(list, /name=weft:journal /)
})

test('subscribers are counted on every cluster node, not the one a command lands on', async () => {
  const config: RedisConfig = {
    mode: 'cluster',
    nodes: cluster.ports.map((port) => ({ host: '127.0.0.1', port })),
  }
  const command = connect(config, 'command', 'counter')
  // The cluster client puts each subscriber connection on a node of its choosing: add them until
  // at least two nodes hold some, so no single node's count is the total.
  const perNode = () =>
    Promise.all(
      cluster.ports.map(async (port) =>
        Number((await redisCli(port, 'PUBSUB', 'NUMSUB', 'weft:counted')).split('\n')[1]),
      ),
    )
  let counts = await perNode()
  for (let i = 0; counts.filter((count) => count > 0).length < 2; i++) {
    assert.ok(i < 30, 'subscribers spread over at least two nodes')
    const subscriber = connect(config, 'subscriber', `counted-${i}`)
    await subscriber.subscribe('weft:counted')
    counts = await perNode()
  }
  const total = counts.reduce((sum, count) => sum + count, 0)
  assert.ok(Math.max(...counts) < total)
  assert.equal(await subscriberCount(command, 'weft:counted'), total)
})
