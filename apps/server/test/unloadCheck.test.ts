// The unload check (decision 0202): a document whose node received nothing but its own clients'
// updates and peers' journaled publishes unloads without comparing itself with the stored state;
// content a peer never journaled is written before the document leaves memory (without reading
// the store), so it survives the peer. Two real nodes, real Redis and
// Postgres; what is asserted is what Postgres holds and what the node's metrics count.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { connectClient, type Fleet, type ServerNode, startFleet, waitFor } from '@weft/testkit'
import { Redis } from 'ioredis'
import {
  createEncoder,
  toUint8Array,
  writeVarString,
  writeVarUint,
  writeVarUint8Array,
} from 'lib0/encoding'
import * as Y from 'yjs'
import { storedText } from './drillSupport.ts'

let fleet: Fleet

before(async () => {
  fleet = await startFleet({ nodes: 2 })
})

after(async () => {
  await fleet?.destroy()
})

async function counter(node: ServerNode, line: RegExp): Promise<number> {
  const text = await (await fetch(`${node.managementUrl}/metrics`)).text()
  const match = text.match(line)
  return match ? Number(match[1]) : 0
}

const skipped = /^weft_unload_checks_total\{check="skipped"\} (\d+)$/m
const compared = /^weft_unload_checks_total\{check="compared"\} (\d+)$/m
const snapshots = /^weft_snapshots_written_total (\d+)$/m
const written = /^weft_unload_checks_total\{check="written"\} (\d+)$/m

test('a reader node whose content all came journaled unloads without comparing', async () => {
  const [nodeA, nodeB] = fleet.nodes as [ServerNode, ServerNode]
  const documentName = 'grid:unload-journaled'
  const checks = async () =>
    (await counter(nodeB, skipped)) +
    (await counter(nodeB, written)) +
    (await counter(nodeB, compared))
  const before = {
    checks: await checks(),
    skipped: await counter(nodeB, skipped),
    compared: await counter(nodeB, compared),
  }
  const writer = connectClient(nodeA.wsUrl, documentName)
  const reader = connectClient(nodeB.wsUrl, documentName)
  await Promise.all([writer.synced(), reader.synced()])
  const typed: string[] = []
  for (let i = 0; i < 50; i += 1) {
    const word = `w${i} `
    writer.doc.getText('text').insert(writer.doc.getText('text').length, word)
    typed.push(word)
  }
  const expected = typed.join('')
  await waitFor(
    'the reader sees every word',
    () => reader.doc.getText('text').toString() === expected,
  )
  reader.destroy()
  writer.destroy()
  await waitFor('node B unloaded the document', async () => (await checks()) > before.checks, {
    timeoutMs: 60_000,
  })
  assert.equal(await counter(nodeB, skipped), before.skipped + 1, 'node B skipped the comparison')
  assert.equal(await counter(nodeB, compared), before.compared, 'node B compared nothing')
  await waitFor(
    'Postgres holds every word',
    async () => (await storedText(fleet.databaseUrl, documentName)) === expected,
    { timeoutMs: 60_000, intervalMs: 500 },
  )
})

test('content a peer published without journaling it is stored before the document unloads', async () => {
  const [, nodeB] = fleet.nodes as [ServerNode, ServerNode]
  const documentName = 'grid:unload-unjournaled'
  const before = {
    written: await counter(nodeB, written),
    compared: await counter(nodeB, compared),
    snapshots: await counter(nodeB, snapshots),
  }
  const reader = connectClient(nodeB.wsUrl, documentName)
  await reader.synced()
  // What a peer whose journal append failed publishes (journaledFrames.ts): its update, under its
  // identifier without the journaled mark. That peer alone holds it; nobody logged it.
  const peer = new Y.Doc()
  peer.getText('text').insert(0, 'held only in a peer')
  const identifier = Buffer.from('node-gone-1234', 'utf-8')
  const encoder = createEncoder()
  writeVarString(encoder, documentName)
  writeVarUint(encoder, 0) // a sync message
  writeVarUint(encoder, 2) // an update
  writeVarUint8Array(encoder, Y.encodeStateAsUpdate(peer))
  const message = toUint8Array(encoder)
  const redis = new Redis(fleet.redis.url)
  try {
    await redis.publish(
      `weft:${documentName}`,
      Buffer.concat([Buffer.from([identifier.length]), identifier, message]),
    )
  } finally {
    redis.disconnect()
  }
  await waitFor('the reader sees the peer’s text', () =>
    reader.doc.getText('text').toString().includes('held only in a peer'),
  )
  reader.destroy()
  await waitFor(
    'node B unloaded the document after writing what it received',
    async () => (await counter(nodeB, written)) > before.written,
    { timeoutMs: 60_000 },
  )
  await waitFor(
    'Postgres holds the peer’s text',
    async () => (await storedText(fleet.databaseUrl, documentName)) === 'held only in a peer',
    { timeoutMs: 60_000, intervalMs: 500 },
  )
  assert.equal(await counter(nodeB, compared), before.compared, 'without reading the store')
  // That row alone does not make node B parse and re-encode the snapshot (it stays in the log).
  assert.equal(await counter(nodeB, snapshots), before.snapshots, 'node B compacted nothing')
})
