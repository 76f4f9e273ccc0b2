// Issue 19, item 9: property-based fuzz (fast-check, fixed seed, bounded runs) of the two parsers a
// stranger reaches first — the HTTP router and the WebSocket message decoder — on a real
// production-mode node with Redis, Postgres and the presence service. Whatever arrives, the node
// answers 4xx or closes that one socket; it never answers 500 and never goes down.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { MessageType } from '@hocuspocus/server'
import { mintAccessToken } from '@weft/protocol'
import {
  connectClient,
  type Fleet,
  startFleet,
  type TestClient,
  textOf,
  waitFor,
} from '@weft/testkit'
import fc from 'fast-check'
import * as encoding from 'lib0/encoding'
import { openProtocolSocket } from './protocolSocket.ts'
import { rawRequest } from './rawHttp.ts'

const SECRET = 'fuzz-secret-0123456789abcdef'
const SEED = 19
let fleet: Fleet
let token: string
let bystander: TestClient
let watcher: TestClient

before(async () => {
  fleet = await startFleet({
    nodes: 2,
    authSecret: SECRET,
    presence: true,
    // The fuzz opens many sockets from one address and user: limits are not what is under test.
    env: {
      NODE_ENV: 'production',
      MAX_CONNECTIONS_PER_USER: '10000',
      AUTH_FAILURES_PER_MINUTE: '100000',
    },
  })
  token = await mintAccessToken({ sub: 'fuzz', docs: { '*': 'write' } }, SECRET)
  bystander = connectClient(fleet.nodes[0]?.wsUrl as string, 'grid:fuzz-bystander', token)
  watcher = connectClient(fleet.nodes[1]?.wsUrl as string, 'grid:fuzz-bystander', token)
  await Promise.all([bystander.synced(), watcher.synced()])
})

after(async () => {
  bystander?.destroy()
  watcher?.destroy()
  await fleet?.destroy()
})

async function nodeStillServes(marker: string) {
  assert.equal(fleet.nodes[0]?.process.running, true, fleet.nodes[0]?.process.logs())
  assert.equal((await fetch(`${fleet.nodes[0]?.url}/healthz`)).status, 200)
  bystander.doc.getText('text').insert(0, marker)
  await waitFor(`${marker} propagates`, () => textOf(watcher).includes(marker))
}

const pathSegment = fc.oneof(
  fc.constantFrom(
    'grid',
    'code',
    'canvas',
    'api',
    'presence',
    'documents',
    'history',
    'stream',
    'yjs',
  ),
  fc.constantFrom('%', '%ff', '%E0%A4%A', '%00', '%2e%2e', '..', '', '//', '\\', '?', '#', ':'),
  fc.string({ unit: 'grapheme', maxLength: 12 }).map(encodeURI),
  fc.stringMatching(/^[A-Za-z0-9%._~:@!$&'()*+,;=-]{0,16}$/),
)
const target = fc.oneof(
  fc.array(pathSegment, { maxLength: 6 }).map((segments) => `/${segments.join('/')}`),
  fc
    .tuple(
      fc.constantFrom('//', 'http://', 'https://', '/\\', '*', ''),
      fc.stringMatching(/^[a-z0-9.:@/-]{0,24}$/),
    )
    .map(([head, rest]) => `${head}${rest}`),
  fc
    .tuple(fc.array(pathSegment, { maxLength: 4 }), fc.stringMatching(/^[A-Za-z0-9%=&;+-]{0,24}$/))
    .map(([segments, query]) => `/${segments.join('/')}?${query}`),
)

test('the HTTP router answers every request target with a status below 500', async () => {
  const port = fleet.nodes[0]?.port as number
  await fc.assert(
    fc.asyncProperty(
      target,
      fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
      async (path, method) => {
        // A space ends the request line (HTTP itself answers 400); the targets above hold no controls.
        const line = path.replace(/\s/g, '')
        const answer = await rawRequest(
          port,
          line || '/',
          { Authorization: `Bearer ${token}` },
          method,
        )
        assert.ok(
          answer.status >= 200 && answer.status < 500,
          `${method} ${line} answered ${answer.status}`,
        )
      },
    ),
    { numRuns: 100, seed: SEED, endOnFailure: true },
  )
  await nodeStillServes('after-http-fuzz ')
})

/** A Hocuspocus frame: document name, message type, then arbitrary payload bytes. */
const frame = fc.record({
  documentName: fc.oneof(fc.constant('grid:fuzz'), fc.string({ maxLength: 20 })),
  type: fc.oneof(
    fc.constantFrom(...Object.values(MessageType).filter((v) => typeof v === 'number')),
    fc.nat(300),
  ),
  payload: fc.uint8Array({ maxLength: 256 }),
  raw: fc.option(fc.uint8Array({ minLength: 1, maxLength: 512 }), { freq: 4 }),
})

/** Close codes that end only the fuzzing socket: bad frames, bad tokens, resets, limits. */
const SOCKET_ONLY = new Set([
  1000, 1002, 1003, 1005, 1006, 1007, 1009, 4205, 4401, 4403, 4408, 4429,
])

test('any frame after authentication closes at most that socket, and the node keeps serving', async () => {
  const wsUrl = fleet.nodes[0]?.wsUrl as string
  await fc.assert(
    fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 4 }), async (frames) => {
      const socket = await openProtocolSocket(wsUrl)
      try {
        assert.equal(await socket.authenticate('grid:fuzz', token), 'authenticated')
        for (const { documentName, type, payload, raw } of frames) {
          if (raw) {
            socket.socket.send(raw)
            continue
          }
          socket.send(documentName, type, (encoder) => encoding.writeUint8Array(encoder, payload))
        }
        // Whatever the node does with it has happened once an answer to a later message arrives
        // or the socket is gone.
        const outcome = await Promise.race([
          socket.closed,
          socket.authenticate('grid:fuzz-after', token).then(() => null),
        ])
        if (outcome) assert.ok(SOCKET_ONLY.has(outcome.code), `closed with ${outcome.code}`)
      } finally {
        socket.socket.terminate()
      }
    }),
    { numRuns: 100, seed: SEED, endOnFailure: true },
  )
  await nodeStillServes('after-frame-fuzz ')
})
