// Unintegrable updates are an alarm (issue 12, item 3): a document whose stored log lacks an
// update that later ones depend on loads, asks peers and clients for the missing range, and —
// when no one has it — logs an error naming the document and the missing client/clock range and
// counts it in weft_unintegrable_loads_total. A connected client that holds it repairs it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { appendUpdates, openDatabase } from '@weft/db'
import { connectClient, type Fleet, startFleet, textOf, waitFor } from '@weft/testkit'
import * as Y from 'yjs'

let fleet: Fleet

before(async () => {
  fleet = await startFleet({ nodes: 1 })
})

after(async () => {
  await fleet?.destroy()
})

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${fleet.nodes[0]?.url}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
}

/** Two edits by one author, the second depending on the first; only the second is stored. */
async function storeOnlyTheSecondEdit(documentName: string) {
  const author = new Y.Doc()
  const updates: Uint8Array[] = []
  author.on('update', (update: Uint8Array) => updates.push(update))
  author.getText('text').insert(0, 'first ')
  author.getText('text').insert(6, 'second')
  const database = await openDatabase({ databaseUrl: fleet.databaseUrl })
  try {
    await appendUpdates(database.sql, [
      {
        documentName,
        updateKey: `test:${documentName}:2`,
        update: updates[1] as Uint8Array,
        userId: 'u1',
        userName: 'Ada',
        nodeId: 'elsewhere',
        receivedAt: new Date(),
      },
    ])
  } finally {
    await database.close()
  }
  return author
}

test('a load missing an update no one holds is logged as an error and counted', async () => {
  const documentName = 'grid:unintegrable'
  const author = await storeOnlyTheSecondEdit(documentName)
  const reader = connectClient(fleet.nodes[0]?.wsUrl as string, documentName)
  await reader.synced()
  await waitFor('the alarm', async () => (await metric('weft_unintegrable_loads_total')) === 1, {
    timeoutMs: 30_000,
  })
  const logs = fleet.nodes[0]?.process.logs(400) ?? ''
  const line = logs.split('\n').find((entry) => entry.includes('cannot be integrated'))
  assert.ok(line, 'an error line')
  const logged = JSON.parse(line) as {
    level: number
    documentName: string
    missing: { client: number; fromClock: number; toClock: number }[]
    lookedIn: { logRows: number; peers: boolean }
  }
  assert.equal(logged.level, 50, 'error level')
  assert.equal(logged.documentName, documentName)
  assert.deepEqual(logged.missing, [{ client: author.clientID, fromClock: 0, toClock: 5 }])
  assert.equal(logged.lookedIn.logRows, 1)
  assert.equal(logged.lookedIn.peers, true)
  assert.equal(textOf(reader), '', 'nothing unintegrable is shown')
  reader.destroy()
})

test('a connected client holding the missing update repairs the load: no alarm', async () => {
  const documentName = 'grid:repaired-by-client'
  const author = await storeOnlyTheSecondEdit(documentName)
  const before = await metric('weft_unintegrable_loads_total')
  const holder = connectClient(fleet.nodes[0]?.wsUrl as string, documentName)
  Y.applyUpdate(holder.doc, Y.encodeStateAsUpdate(author))
  await holder.synced()
  const reader = connectClient(fleet.nodes[0]?.wsUrl as string, documentName)
  await waitFor('the reader has both edits', () => textOf(reader) === 'first second')
  await new Promise((resolve) => setTimeout(resolve, 6_000))
  assert.equal(await metric('weft_unintegrable_loads_total'), before)
  holder.destroy()
  reader.destroy()
})
