// "Pods" as the Helm chart defines them: nodes started from the rendered server Deployment
// (command, env from Secrets, NODE_ID from the pod name, readiness probe on the management port)
// form a working fleet.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import {
  connectClient,
  type Fleet,
  startFleet,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'

const SECRET = 'chart-pods-secret-0123456789'
let fleet: Fleet
const clients: TestClient[] = []

before(async () => {
  fleet = await startFleet({ nodes: 2, authSecret: SECRET, fromChart: true, presence: true })
})

after(async () => {
  for (const client of clients) client.destroy()
  await fleet?.destroy()
})

test('chart-defined pods run in production mode, take tokens and converge across nodes', async () => {
  const token = await mintAccessToken(
    { sub: 'ops', name: 'Ops', docs: { 'grid:*': 'write' } },
    SECRET,
  )
  const a = connectClient(fleet.nodes[0]?.wsUrl as string, 'grid:chart-pods', token)
  const b = connectClient(fleet.nodes[1]?.wsUrl as string, 'grid:chart-pods', token)
  clients.push(a, b)
  await Promise.all([a.synced(), b.synced()])
  a.doc.getText('text').insert(0, 'through chart pods')
  await waitFor('node B sees it', () => textOf(b) === 'through chart pods')

  // Production mode (NODE_ENV from the chart) refuses open dev mode: no token, no access.
  const anonymous = connectClient(fleet.nodes[0]?.wsUrl as string, 'grid:chart-pods')
  clients.push(anonymous)
  await waitFor('refusal', () => anonymous.closeCodes.includes(4401))

  const ready = (await (await fetch(`${fleet.nodes[0]?.managementUrl}/readyz`)).json()) as {
    node: string
  }
  assert.equal(ready.node, 'node-a', 'NODE_ID comes from the pod name')

  // The chart puts probes and metrics on the management port: the public port (the one the
  // Service, Ingress and HTTPRoute route to) does not answer them.
  for (const pod of [fleet.nodes[0], fleet.presence[0]]) {
    assert.notEqual(pod?.managementUrl, pod?.url)
    assert.match(await (await fetch(`${pod?.managementUrl}/metrics`)).text(), /^weft_ready 1$/m)
    for (const path of ['/metrics', '/readyz', '/healthz'])
      assert.equal((await fetch(`${pod?.url}${path}`)).status, 404, `public ${path}`)
  }

  // The chart's presence pod sees the users of both server pods.
  await waitFor('presence pod lists the user', async () => {
    const response = await fetch(`${fleet.presence[0]?.url}/api/presence`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const body = (await response.json()) as {
      documents: Record<string, { sub: string; nodes: string[] }[]>
    }
    const users = body.documents['grid:chart-pods'] ?? []
    return users.length === 1 && users[0]?.sub === 'ops' && users[0]?.nodes.length === 2
  })
})
