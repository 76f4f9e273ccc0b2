// SIGTERM order (issue 12, item 6): readiness answers 503 first while the listener is still
// open, and only then are new connections refused; a connected client is moved off cleanly
// and its edits survive.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { connectClient, type Fleet, startFleet, textOf } from '@weft/testkit'
import { storedText } from './drillSupport.ts'

let fleet: Fleet

before(async () => {
  fleet = await startFleet({ nodes: 1 })
})

after(async () => {
  await fleet?.destroy()
})

type Seen = { at: number; status: number | 'refused' | 'no answer'; reasons?: string[] }

test('after SIGTERM /readyz answers 503 before the listener refuses connections', async () => {
  const node = fleet.nodes[0]
  assert.ok(node)
  const writer = connectClient(node.wsUrl, 'grid:sigterm-order')
  await writer.synced()
  writer.doc.getText('text').insert(0, 'saved before the drain')
  await writer.synced()

  const seen: Seen[] = []
  const started = Date.now()
  node.process.child.kill('SIGTERM')
  while (node.process.running && Date.now() - started < 30_000) {
    try {
      // Bounded, like a kubelet's probe; a busy machine's slow answer is not a refusal.
      const response = await fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(2_000) })
      const body = (await response.json().catch(() => ({}))) as { reasons?: string[] }
      seen.push({ at: Date.now() - started, status: response.status, reasons: body.reasons ?? [] })
    } catch (error) {
      const status = (error as Error).name === 'TimeoutError' ? 'no answer' : 'refused'
      seen.push({ at: Date.now() - started, status })
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const exit = await node.process.exited
  assert.equal(exit.code, 0, 'the node exits 0')
  const answers = seen.filter((sample) => sample.status !== 'no answer')
  const unreadyAt = answers.findIndex((sample) => sample.status !== 200)
  const firstUnready = answers[unreadyAt]
  assert.equal(firstUnready?.status, 503, `503 is seen first: ${JSON.stringify(seen.slice(0, 5))}`)
  assert.ok(firstUnready?.reasons?.includes('shutting down'))
  const refusedAt = answers.findIndex((sample) => sample.status === 'refused')
  assert.ok(refusedAt > unreadyAt, 'then the listener refuses connections')
  assert.ok(
    answers.slice(unreadyAt, refusedAt).every((sample) => sample.status === 503),
    'readiness never turns back to 200 during the drain',
  )
  assert.ok(writer.closeCodes.length > 0, 'the connected client was closed, to reconnect elsewhere')
  assert.equal(textOf(writer), 'saved before the drain')
  writer.destroy()
  assert.equal(
    await storedText(fleet.databaseUrl, 'grid:sigterm-order'),
    'saved before the drain',
    'the edit is in Postgres',
  )
  await node.start()
})
