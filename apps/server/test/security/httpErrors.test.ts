// Issue 19, items 5 (log redaction) and 6 (malformed paths): a production-mode node answers 400
// to paths whose escapes do not decode, never 500, and nothing it logs — at debug level, after
// requests and sockets carrying tokens in queries and headers — holds a token.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { mintAccessToken } from '@weft/protocol'
import { type Fleet, startFleet, waitFor } from '@weft/testkit'
import WebSocket from 'ws'
import { rawRequest } from './rawHttp.ts'

const SECRET = 'errors-secret-0123456789abcdef'
let fleet: Fleet
let token: string
let forged: string

before(async () => {
  fleet = await startFleet({
    nodes: 1,
    authSecret: SECRET,
    presence: true,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'debug' },
  })
  token = await mintAccessToken({ sub: 'ada', docs: { 'grid:*': 'write' } }, SECRET)
  forged = await mintAccessToken({ sub: 'eve', docs: { '*': 'write' } }, 'w'.repeat(32))
})

after(async () => {
  await fleet?.destroy()
})

const port = () => fleet.nodes[0]?.port as number

test('malformed paths answer 400, never 500', async () => {
  const paths = [
    '/grid/%00%ff',
    '/code/%E0%A4%A',
    '/canvas/%',
    '/api/documents/%ff/history',
    '/api/presence/%ff',
    '/api/documents/%E0%A4%A/history',
  ]
  for (const path of paths) {
    const answer = await rawRequest(port(), `${path}?token=${token}`, {
      Authorization: `Bearer ${token}`,
    })
    assert.equal(answer.status, 400, `${path} answered ${answer.status}: ${answer.body}`)
    assert.ok(!answer.body.includes(token), `${path} echoed the token`)
  }
  assert.equal(fleet.nodes[0]?.process.running, true)
})

test('no log line holds a token, whether from a query, a header or an auth message', async () => {
  // Requests that make the node log: refused sockets (bad and forged tokens, in the query of
  // /yjs and in the auth message of /collab), refused history reads, errors.
  for (const query of [token, forged, 'not-a-jwt-but-secret-opaque-value']) {
    const socket = new WebSocket(`${fleet.nodes[0]?.wsUrl}/yjs/other:doc?token=${query}`)
    await new Promise((resolve) => {
      socket.on('close', resolve)
      socket.on('error', resolve)
    })
    await rawRequest(port(), `/api/documents/grid:a/history?token=${query}`, {
      Authorization: `Bearer ${query}`,
      Cookie: `session=${query}`,
    })
  }
  const collab = new WebSocket(`${fleet.nodes[0]?.wsUrl}/collab?token=${forged}`, {
    headers: { Authorization: `Bearer ${forged}` },
  })
  await new Promise((resolve) => {
    collab.on('close', resolve)
    collab.on('error', resolve)
    collab.on('open', () => collab.close())
  })
  const node = fleet.nodes[0]
  await waitFor('refusals logged', () => node?.process.logs(400).includes('connection refused'))
  const logs = [node, ...fleet.presence].map((child) => child?.process.logs(400)).join('\n')
  for (const secret of [token, forged, 'not-a-jwt-but-secret-opaque-value', SECRET]) {
    assert.ok(!logs.includes(secret), `a log line holds a secret:\n${logs}`)
  }
  assert.doesNotMatch(logs, /eyJ[A-Za-z0-9_-]+\.eyJ/, 'a log line holds a JWT')
})
