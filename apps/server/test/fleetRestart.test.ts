// Durability across a full restart: every node stopped (SIGTERM) and started again, documents
// reload byte-identical; a keystroke-by-keystroke trace typed on node A reads back on node B and
// after the restart.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { clientPool, type Fleet, loadTrace, startFleet, textOf, waitFor } from '@weft/testkit'
import * as Y from 'yjs'

let fleet: Fleet
const clients = clientPool(() => fleet)

before(async () => {
  fleet = await startFleet({ nodes: 3, env: { SNAPSHOT_EVERY_UPDATES: '200' } })
})

after(async () => {
  clients.destroyAll()
  await fleet?.destroy()
})

async function stateSeenByNewClient(nodeIndex: number, documentName: string): Promise<Uint8Array> {
  const reader = clients.connect(nodeIndex, documentName)
  await reader.synced()
  const state = Y.encodeStateAsUpdate(reader.doc)
  reader.destroy()
  return state
}

test('a trace typed keystroke by keystroke on node A reads back on node B and after a full restart', async () => {
  const trace = loadTrace('sveltecomponent')
  const name = 'code:svelte-trace'
  const writer = clients.connect(0, name)
  const reader = clients.connect(1, name)
  await Promise.all([writer.synced(), reader.synced()])
  const text = writer.doc.getText('text')
  for (const txn of trace.txns) {
    for (const [position, deleted, inserted] of txn.patches) {
      writer.doc.transact(() => {
        if (deleted > 0) text.delete(position, deleted)
        if (inserted) text.insert(position, inserted)
      })
    }
  }
  assert.equal(text.toString(), trace.endContent, 'the trace replays to its end content')
  await waitFor('node B reader has the end content', () => textOf(reader) === trace.endContent, {
    // A liveness bound, not a performance target (bench/ measures that): generous for busy CI.
    timeoutMs: 180_000,
  })
  await writer.synced()
  writer.destroy()
  reader.destroy()

  await fleet.restartAll()
  const afterRestart = clients.connect(1, name)
  await afterRestart.synced()
  assert.equal(textOf(afterRestart), trace.endContent)
})

test('every node stopped and started: each document reloads byte-identical', async () => {
  const names = ['grid:restart-1', 'canvas:restart-2', 'code:restart-3']
  for (const [i, name] of names.entries()) {
    const writer = clients.connect(i % 3, name)
    await writer.synced()
    for (let k = 0; k < 300; k++) {
      writer.doc.getText('text').insert(k % 7, `${name}-${k};`)
      if (k % 10 === 0) writer.doc.getMap('meta').set(`key${k % 4}`, k)
      if (k % 13 === 0) writer.doc.getText('text').delete(0, 3)
    }
    await writer.synced()
    writer.destroy()
  }
  const before = await Promise.all(names.map((name, i) => stateSeenByNewClient((i + 1) % 3, name)))
  await fleet.restartAll()
  const afterRestart = await Promise.all(
    names.map((name, i) => stateSeenByNewClient((i + 2) % 3, name)),
  )
  for (const [i, name] of names.entries()) {
    assert.ok(
      Buffer.from(before[i] as Uint8Array).equals(Buffer.from(afterRestart[i] as Uint8Array)),
      `${name} reloads with the same encoded state`,
    )
  }
})

test('edits acknowledged right before SIGTERM survive the shutdown', async () => {
  const name = 'grid:sigterm'
  const writer = clients.connect(0, name)
  await writer.synced()
  for (let k = 0; k < 100; k++) writer.doc.getMap('cells').set(`R${k}`, k)
  await writer.synced()
  const status = await (fleet.nodes[0] as { stop(): Promise<number | null> }).stop()
  assert.equal(status, 0, 'the node exits 0 after SIGTERM')
  writer.destroy()
  await (fleet.nodes[0] as { start(): Promise<void> }).start()
  const reader = clients.connect(2, name)
  await reader.synced()
  assert.equal(reader.doc.getMap('cells').size, 100)
})
