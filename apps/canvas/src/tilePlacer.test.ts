import assert from 'node:assert/strict'
import { test } from 'node:test'
import { TilePlacer } from './tilePlacer.ts'

function setup(timeoutMs = 1000) {
  const sent: string[] = []
  const pendingCounts: number[] = []
  let n = 0
  const placer = new TilePlacer({
    send: (p) => sent.push(p),
    onPending: (p) => pendingCounts.push(p.length),
    timeoutMs,
    newId: () => `r${++n}`,
  })
  return { placer, sent, pendingCounts }
}

test('sends tile.place and resolves with the matching tile.result', async () => {
  const { placer, sent, pendingCounts } = setup()
  const a = placer.place({ row: 3, col: 7, colour: 5 })
  const b = placer.place({ row: 99, col: 0, colour: 1 })
  assert.deepEqual(JSON.parse(sent[0] ?? ''), {
    type: 'tile.place',
    requestId: 'r1',
    row: 3,
    col: 7,
    colour: 5,
  })
  assert.equal(placer.pending.length, 2)
  placer.receive('not json')
  placer.receive(JSON.stringify({ type: 'other', requestId: 'r1' }))
  placer.receive(JSON.stringify({ type: 'tile.result', requestId: 'r9', ok: true }))
  assert.equal(placer.pending.length, 2)
  placer.receive(
    JSON.stringify({ type: 'tile.result', requestId: 'r2', ok: false, reason: 'outside' }),
  )
  placer.receive(JSON.stringify({ type: 'tile.result', requestId: 'r1', ok: true }))
  assert.deepEqual(await a, { ok: true })
  assert.deepEqual(await b, { ok: false, reason: 'outside' })
  assert.deepEqual(pendingCounts, [1, 2, 1, 0])
})

test('an unanswered request is given up after the timeout', async () => {
  const { placer } = setup(20)
  const answer = await placer.place({ row: 0, col: 0, colour: 0 })
  assert.equal(answer.ok, false)
  assert.match(answer.reason ?? '', /no answer/)
  assert.equal(placer.pending.length, 0)
})

test('destroy cancels what is pending', async () => {
  const { placer } = setup()
  const answer = placer.place({ row: 0, col: 0, colour: 0 })
  placer.destroy()
  assert.deepEqual(await answer, { ok: false, reason: 'cancelled' })
})
