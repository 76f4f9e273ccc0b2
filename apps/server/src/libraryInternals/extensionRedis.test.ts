// Contract of the @hocuspocus/extension-redis internals RedisFanout uses (extensionRedis.ts),
// against a real Redis and a real Hocuspocus: fails when an upgrade renames or reshapes them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Redis as StockRedis } from '@hocuspocus/extension-redis'
import { Hocuspocus, OutgoingMessage } from '@hocuspocus/server'
import { type RedisInstance, startRedis, waitFor } from '@weft/testkit'
import { Redis as IORedis } from 'ioredis'
import * as Y from 'yjs'
import {
  channelOf,
  documentOfChannel,
  encodeForPeers,
  onEveryIncoming,
  replaceSubscriberCount,
} from './extensionRedis.ts'

let redis: RedisInstance
const cleanups: (() => Promise<unknown> | unknown)[] = []

before(async () => {
  redis = await startRedis()
})

after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
  await redis?.destroy()
})

function stockNode(identifier: string) {
  const extension = new StockRedis({
    identifier,
    prefix: 'contract',
    createClient: () => new IORedis(redis.url),
  })
  const hocuspocus = new Hocuspocus({ name: identifier, quiet: true, extensions: [extension] })
  cleanups.push(() => hocuspocus.hooks('onDestroy', { instance: hocuspocus }))
  return { extension, hocuspocus }
}

test('the private methods RedisFanout calls are still there', () => {
  const prototype = StockRedis.prototype as unknown as Record<string, unknown>
  for (const name of ['getKey', 'encodeMessage', 'hasOtherSubscribers'])
    assert.equal(typeof prototype[name], 'function', `Redis.prototype.${name}`)
})

test('a loaded document is subscribed on channelOf, and the replaced count is what a load asks', async () => {
  const { extension, hocuspocus } = stockNode('contract-a')
  const asked: string[] = []
  replaceSubscriberCount(extension, async (channel) => {
    asked.push(channel)
    return false
  })
  const connection = await hocuspocus.openDirectConnection('grid:contract')
  cleanups.push(() => connection.disconnect())
  const channel = channelOf(extension, 'grid:contract')
  assert.equal(channel, 'contract:grid:contract')
  assert.equal(documentOfChannel(extension, channel), 'grid:contract')
  assert.equal(documentOfChannel(extension, 'contract#reply:contract-a'), null)
  assert.deepEqual(asked, [channel], 'the load asked the replaced count, with the document channel')
  const probe = new IORedis(redis.url)
  cleanups.push(() => probe.disconnect())
  const [, subscribers] = (await probe.pubsub('NUMSUB', channel)) as [string, number]
  assert.equal(Number(subscribers), 1)
})

test('a message framed with encodeForPeers is applied by a peer, and seen by a second listener', async () => {
  const sender = stockNode('contract-sender')
  const receiver = stockNode('contract-receiver')
  replaceSubscriberCount(receiver.extension, async () => false)
  const seen: string[] = []
  onEveryIncoming(receiver.extension, (channel) => seen.push(channel))
  const connection = await receiver.hocuspocus.openDirectConnection('grid:framed')
  cleanups.push(() => connection.disconnect())

  const source = new Y.Doc()
  source.getText('text').insert(0, 'from a peer')
  const message = new OutgoingMessage('grid:framed')
    .createSyncMessage()
    .writeUpdate(Y.encodeStateAsUpdate(source))
  await sender.extension.pub.publish(
    channelOf(sender.extension, 'grid:framed'),
    encodeForPeers(sender.extension, message.toUint8Array()),
  )
  await waitFor(
    'the peer applied the update',
    () => connection.document?.getText('text').toString() === 'from a peer',
  )
  assert.ok(seen.includes(channelOf(receiver.extension, 'grid:framed')))
})
