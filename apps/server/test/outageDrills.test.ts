// Dependency-outage drills (issue 12): four providers type on both nodes while Postgres, Redis,
// or both are down for 30 s; both nodes are SIGTERMed in turn; both nodes are killed during a
// Postgres outage after their users left. Each asserts what the typists see during the drill
// and that every edit is in Postgres, and in what a fresh client loads, after a fleet restart.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import {
  type Fleet,
  missingTokens,
  startFleet,
  type TypingCrowd,
  typingCrowd,
  waitFor,
} from '@weft/testkit'
import { assertEverythingStored, drillFigure } from './drillSupport.ts'

const OUTAGE_MS = 30_000

let fleet: Fleet
let crowd: TypingCrowd | undefined

before(async () => {
  fleet = await startFleet({ nodes: 2 })
})

afterEach(async () => {
  crowd?.destroy()
  crowd = undefined
  // A drill that failed mid-outage must not leave the next one without its dependencies.
  for (const service of [fleet.postgres, fleet.redis])
    if (!service.process.running) await service.start()
  for (const node of fleet.nodes) if (!node.process.running) await node.start()
})

after(async () => {
  await fleet?.destroy()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function typingCrowdOnBothNodes(documentName: string) {
  crowd = typingCrowd(fleet.nodes, documentName, 4)
  await crowd.converged(30_000)
  crowd.start(50)
  await sleep(1_000)
  return crowd
}

/** Stops typing; the clients must converge. `since`: when the dependency came back. */
async function finish(documentName: string, typing: TypingCrowd, since = Date.now()) {
  typing.stop()
  await typing.converged()
  drillFigure(`${documentName}: typists converged ${Date.now() - since} ms after the return`)
  const typed = typing.allTyped()
  typing.destroy()
  crowd = undefined
  await assertEverythingStored(fleet, documentName, typed)
}

const typist = (typing: TypingCrowd, index: number) =>
  typing.typists[index] as TypingCrowd['typists'][0]

/** Typist `b` comes to show everything typist `a` has typed so far (typing goes on meanwhile). */
async function seesEverythingOf(typing: TypingCrowd, a: number, b: number) {
  const sample = [...typist(typing, a).typed]
  await waitFor(
    `${typist(typing, b).name} sees ${typist(typing, a).name}`,
    () => missingTokens(typist(typing, b).text(), sample).length === 0,
  )
}

/** The tokens typist `a` typed that typist `b` does not show. */
const unseen = (typing: TypingCrowd, a: number, b: number) =>
  missingTokens(typist(typing, b).text(), typist(typing, a).typed)

test('Postgres down 30 s while typing on both nodes: edits keep flowing, nothing lost', async () => {
  const documentName = 'grid:drill-pg-down'
  const typing = await typingCrowdOnBothNodes(documentName)
  await fleet.postgres.stop()
  await sleep(OUTAGE_MS / 2)
  // During the outage, node A's typist still sees node B's typist's edits within moments.
  const sample = (typing.typists[1] as TypingCrowd['typists'][0]).typeOne()
  await waitFor('a cross-node edit during the outage', () =>
    (typing.typists[0] as TypingCrowd['typists'][0]).text().includes(sample),
  )
  await sleep(OUTAGE_MS / 2)
  await fleet.postgres.start()
  const back = Date.now()
  await waitFor(
    'the update log caught up',
    async () => {
      for (const node of fleet.nodes) {
        const text = await (await fetch(`${node.url}/metrics`)).text()
        if (!/^weft_persistence_queue_updates 0$/m.test(text)) return false
      }
      return true
    },
    { timeoutMs: 60_000, intervalMs: 100 },
  )
  drillFigure(
    `${documentName}: update log caught up ${Date.now() - back} ms after Postgres returned`,
  )
  await finish(documentName, typing, back)
})

test('Redis down 30 s while typing on both nodes: each node serves its own, all converge after', async () => {
  const documentName = 'grid:drill-redis-down'
  const typing = await typingCrowdOnBothNodes(documentName)
  await fleet.redis.stop()
  await sleep(OUTAGE_MS)
  // During the outage typists of the same node see each other; across nodes they cannot.
  await seesEverythingOf(typing, 0, 2)
  assert.ok(unseen(typing, 0, 1).length > 0, 'node B cannot see node A without Redis')
  await fleet.redis.start()
  await finish(documentName, typing, Date.now())
})

test('Postgres and Redis down 30 s while typing on both nodes: nothing lost', async () => {
  const documentName = 'grid:drill-both-down'
  const typing = await typingCrowdOnBothNodes(documentName)
  await Promise.all([fleet.postgres.stop(), fleet.redis.stop()])
  await sleep(OUTAGE_MS)
  await seesEverythingOf(typing, 1, 3)
  await Promise.all([fleet.postgres.start(), fleet.redis.start()])
  await finish(documentName, typing, Date.now())
})

test('rolling SIGTERM of both nodes while typing: clients move, nothing lost', async () => {
  const documentName = 'grid:drill-rolling'
  const typing = await typingCrowdOnBothNodes(documentName)
  for (const node of fleet.nodes) {
    assert.equal(await node.stop(), 0, `${node.nodeId} exits 0 after SIGTERM`)
    await sleep(1_000)
    await node.start()
    await sleep(1_000)
  }
  for (const typist of typing.typists)
    assert.ok(typist.route.length >= 2, `${typist.name} reconnected to another node`)
  await finish(documentName, typing)
})

test('both nodes killed during a Postgres outage after their users left: the journal keeps every edit', async () => {
  const documentName = 'grid:drill-journal'
  const typing = await typingCrowdOnBothNodes(documentName)
  await fleet.postgres.stop()
  await sleep(3_000)
  typing.stop()
  // Every edit applied on both nodes (fanned out, so journaled), then the whole fleet crashes and
  // the users are gone: only Redis holds what Postgres lacks.
  await typing.converged()
  const typed = typing.allTyped()
  typing.destroy()
  crowd = undefined
  await Promise.all(fleet.nodes.map((node) => node.kill()))
  await fleet.postgres.start()
  await assertEverythingStored(fleet, documentName, typed)
})
