// A client that leaves a node where it was the document's last connection disappears from the
// awareness of the clients on the other node at once (its identity, cursor, live drag), not
// only when their 30 s awareness timeout expires: RedisFanout publishes the removal, which the
// stock extension drops, as an emptied state.
import { after, before, test } from 'node:test'
import { connectClient, type Fleet, startFleet, type TestClient, waitFor } from '@weft/testkit'

const DOC = 'canvas:leaving'
let fleet: Fleet
const clients: TestClient[] = []

before(async () => {
  fleet = await startFleet({ nodes: 2 })
})

after(async () => {
  for (const client of clients) client.destroy()
  await fleet?.destroy()
})

const connect = (node: number) => {
  const client = connectClient(fleet.nodes[node]?.wsUrl as string, DOC)
  clients.push(client)
  return client
}

test("the last client on a node leaves: the other node's clients drop its state at once", async () => {
  const watcher = connect(1)
  const leaver = connect(0)
  await Promise.all([watcher.synced(), leaver.synced()])
  leaver.provider.setAwarenessField('drag', { s1: { x: 300, y: 200 } })
  const leaverId = leaver.doc.clientID
  await waitFor('the drag reaches the other node', () => {
    const state = watcher.provider.awareness?.getStates().get(leaverId)
    return JSON.stringify(state?.drag) === JSON.stringify({ s1: { x: 300, y: 200 } })
  })
  leaver.destroy()
  // Well under y-protocols' 30 s outdated timeout, which would otherwise be what removes it.
  await waitFor(
    'the state is gone',
    () => {
      const state = watcher.provider.awareness?.getStates().get(leaverId)
      return !state || (state.user === undefined && state.drag === undefined)
    },
    { timeoutMs: 15_000 },
  )
})
