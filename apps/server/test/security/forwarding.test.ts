// Issue 19, item 1: /api/presence forwarding cannot leave PRESENCE_URL's host. The node runs as
// in production (NODE_ENV=production, AUTH_SECRET, Redis, Postgres, the presence service), and
// an attacker's listener on another loopback port must receive nothing, whatever the target.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { type Fleet, startFleet } from '@weft/testkit'
import { rawRequest } from './rawHttp.ts'

const SECRET = 'forwarding-secret-0123456789'
let fleet: Fleet
let attacker: Server
let attackerPort: number
const reachedAttacker: IncomingMessage[] = []

before(async () => {
  attacker = createServer((request, response) => {
    reachedAttacker.push(request)
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<script>steal(localStorage["weft.token"])</script>')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerPort = (attacker.address() as AddressInfo).port
  fleet = await startFleet({
    nodes: 1,
    authSecret: SECRET,
    presence: true,
    env: { NODE_ENV: 'production' },
  })
})

after(async () => {
  await fleet?.destroy()
  attacker?.close()
})

const nodePort = () => fleet.nodes[0]?.port as number

test('absolute-form and scheme-relative targets get 400 and reach no other host', async () => {
  const token = await mintAccessToken({ sub: 'victim', docs: { '*': 'write' } }, SECRET)
  const headers = { Authorization: `Bearer ${token}`, Cookie: 'session=victim' }
  const hostile = [
    `//127.0.0.1:${attackerPort}/api/presence`,
    `http://127.0.0.1:${attackerPort}/api/presence`,
    `//127.0.0.1:${attackerPort}/api/presence/stream`,
    `/\\127.0.0.1:${attackerPort}/api/presence`,
    `http://127.0.0.1:${attackerPort}/api/presence/grid:x`,
  ]
  for (const target of hostile) {
    const answer = await rawRequest(nodePort(), target, headers)
    assert.equal(answer.status, 400, `${target} answered ${answer.status}`)
    assert.doesNotMatch(answer.body, /steal/)
  }
  // Give any stray forward time to land before saying nothing did.
  await new Promise((resolve) => setTimeout(resolve, 500))
  assert.deepEqual(
    reachedAttacker.map((request) => request.url),
    [],
    'the attacker received a forwarded request',
  )
})

test('an origin-form target is still forwarded to the presence service', async () => {
  const token = await mintAccessToken({ sub: 'ada', docs: { '*': 'read' } }, SECRET)
  const answer = await fetch(`${fleet.nodes[0]?.url}/api/presence?x=1`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  assert.equal(answer.status, 200)
  assert.ok('documents' in ((await answer.json()) as object))
  assert.equal(reachedAttacker.length, 0)
})
