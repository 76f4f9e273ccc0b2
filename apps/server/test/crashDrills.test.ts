// kill -9 drills (issue 12): two real nodes, real Redis and Postgres, four providers typing at
// the end of one text through a stand-in load balancer. One node is killed without warning at
// different moments — including right after an edit its peer already applied from Redis, the
// moment that used to lose data. Each drill asserts what the typists see (they reconnect to the
// survivor and converge on every edit) and, after a full fleet restart, that every edit is in
// Postgres and in what a fresh client loads.
import assert from 'node:assert/strict'
import { after, afterEach, before, test } from 'node:test'
import { type Fleet, startFleet, type TypingCrowd, typingCrowd } from '@weft/testkit'
import { assertEverythingStored } from './drillSupport.ts'

let fleet: Fleet
let crowd: TypingCrowd | undefined

before(async () => {
  fleet = await startFleet({ nodes: 2 })
})

afterEach(async () => {
  crowd?.destroy()
  crowd = undefined
  // A drill that failed after its kill must not leave the next one a node short.
  for (const node of fleet.nodes) if (!node.process.running) await node.start()
  if (!fleet.postgres.process.running) await fleet.postgres.start()
})

after(async () => {
  await fleet?.destroy()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** SIGKILL now (synchronously), then wait for the exit. */
async function killNow(index: number) {
  const victim = fleet.nodes[index]
  assert.ok(victim)
  victim.process.child.kill('SIGKILL')
  await victim.process.exited
}

async function typeThenKill(documentName: string, kill: (crowd: TypingCrowd) => Promise<void>) {
  crowd = typingCrowd(fleet.nodes, documentName, 4)
  await crowd.converged(30_000)
  crowd.start(50)
  await sleep(2_000)
  await kill(crowd)
  await sleep(2_000)
  crowd.stop()
  // What users see: everyone moved to the survivor and holds every edit.
  await crowd.converged()
  for (const typist of crowd.typists)
    assert.equal(typist.route.at(-1), 'node-b', `${typist.name} ends on the surviving node`)
  const typed = crowd.allTyped()
  crowd.destroy()
  crowd = undefined
  await assertEverythingStored(fleet, documentName, typed)
}

test('kill -9 right after the peer applied an edit from Redis: nothing lost', async () => {
  await typeThenKill('grid:kill-after-fanout', async (crowd) => {
    const [onVictim, onPeer] = crowd.typists as [
      TypingCrowd['typists'][0],
      TypingCrowd['typists'][0],
    ]
    crowd.stop()
    const token = onVictim.typeOne()
    await new Promise<void>((resolve) => {
      const check = () => {
        if (!onPeer.text().includes(token)) return
        onPeer.doc.off('update', check)
        resolve()
      }
      onPeer.doc.on('update', check)
      check()
    })
    await killNow(0)
    crowd.start(50)
  })
})

test('kill -9 3 ms after an edit: nothing lost', async () => {
  await typeThenKill('grid:kill-3ms', async (crowd) => {
    crowd.stop()
    ;(crowd.typists[0] as TypingCrowd['typists'][0]).typeOne()
    await sleep(3)
    await killNow(0)
    crowd.start(50)
  })
})

test('kill -9 at a random moment while typing: nothing lost', async () => {
  await typeThenKill('grid:kill-random', async () => {
    await sleep(Math.floor(Math.random() * 1_000))
    await killNow(0)
  })
})

test('kill -9 ten seconds into a Postgres outage: nothing lost', async () => {
  const documentName = 'grid:kill-during-pg-outage'
  crowd = typingCrowd(fleet.nodes, documentName, 4)
  await crowd.converged(30_000)
  crowd.start(50)
  await sleep(1_000)
  await fleet.postgres.stop()
  await sleep(10_000)
  await killNow(0)
  await sleep(3_000)
  crowd.stop()
  await crowd.converged()
  await fleet.postgres.start()
  const typed = crowd.allTyped()
  crowd.destroy()
  crowd = undefined
  await assertEverythingStored(fleet, documentName, typed)
})
