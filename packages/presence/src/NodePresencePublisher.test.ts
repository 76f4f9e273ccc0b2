// Redis's copy of a node's sessions is repaired by the heartbeat whenever it may be wrong: Redis
// emptied, or joins and leaves made while it was down.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type RedisInstance, startRedis, waitFor } from '@weft/testkit'
import { Redis } from 'ioredis'
import { keys } from './keys.ts'
import { NodePresencePublisher } from './NodePresencePublisher.ts'
import type { PresenceSession } from './types.ts'

let server: RedisInstance
let redis: Redis
let reader: Redis

before(async () => {
  server = await startRedis()
  redis = new Redis(server.url, { retryStrategy: () => 50, maxRetriesPerRequest: 0 })
  reader = new Redis(server.url, { retryStrategy: () => 50 })
  redis.on('error', () => {})
  reader.on('error', () => {})
})

after(async () => {
  redis?.disconnect()
  reader?.disconnect()
  await server?.destroy()
})

const session = (id: string): PresenceSession => ({
  id,
  documentName: 'grid:team',
  userId: `u-${id}`,
  userName: id,
  nodeId: 'node-t',
  bootId: 'boot-t',
  openedAt: new Date(0).toISOString(),
})

const stored = async (publisherBoot: string) =>
  Object.keys(await reader.hgetall(keys.sessions(publisherBoot))).sort()

test('the heartbeat restores sessions Redis lost, and those that changed while it was down', async () => {
  await new Promise((resolve) => redis.once('ready', resolve))
  const publisher = new NodePresencePublisher({
    redis,
    nodeId: 'node-t',
    bootId: 'boot-t',
    heartbeatMs: 100,
    expiryMs: 1_000,
  })
  const boot = 'node-t/boot-t'
  publisher.start()
  for (const id of ['a', 'b', 'c']) publisher.join(session(id))
  await waitFor('three sessions in Redis', async () => (await stored(boot)).join() === 'a,b,c')

  await reader.flushall() // Redis emptied under the node (a restart without persistence)
  await waitFor('repaired by a heartbeat', async () => (await stored(boot)).join() === 'a,b,c')

  await server.stop()
  publisher.leave('b')
  publisher.join(session('d'))
  await server.start()
  await waitFor('Redis back', () => redis.status === 'ready' && reader.status === 'ready')
  await waitFor('the changes made meanwhile', async () => (await stored(boot)).join() === 'a,c,d')
  await publisher.stop()
  assert.deepEqual(await stored(boot), [])
})
