// The bound on unsaved updates (issue 12, item 2): while Postgres is down a node holds updates
// in memory and in its Redis journal up to UNSAVED_MAX_UPDATES; past it, new edits are refused
// with close code 1013 and a reason, counted in a metric — and nothing is lost: the refused
// edits stay in the client, which re-sends them once the node can take them.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Fleet, startFleet, startTypist, waitFor } from '@weft/testkit'
import { assertEverythingStored } from './drillSupport.ts'

let fleet: Fleet

before(async () => {
  fleet = await startFleet({ nodes: 1, env: { UNSAVED_MAX_UPDATES: '40' } })
})

after(async () => {
  await fleet?.destroy()
})

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${fleet.nodes[0]?.url}/metrics`)).text()
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN)
}

test('over its unsaved limit a node refuses edits with 1013, and loses none of them', async () => {
  const documentName = 'grid:unsaved-limit'
  const typist = startTypist(fleet.nodes, 0, documentName, 'u')
  await waitFor('synced', () => typist.provider.isSynced)
  await fleet.postgres.stop()
  for (let i = 0; i < 60; i++) {
    typist.typeOne()
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  await waitFor('an edit refused with 1013', () => typist.closeCodes.includes(1013))
  assert.equal(await metric('weft_unsaved_limit_reached'), 1)
  assert.ok((await metric('weft_edits_refused_total')) > 0)

  await fleet.postgres.start()
  await waitFor(
    'the client re-sent every refused edit',
    () => typist.provider.isSynced && typist.provider.unsyncedChanges === 0,
    { timeoutMs: 60_000 },
  )
  assert.equal(await metric('weft_unsaved_limit_reached'), 0)
  const typed = [...typist.typed]
  typist.destroy()
  await assertEverythingStored(fleet, documentName, typed)
})
