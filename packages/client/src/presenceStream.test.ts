import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { test } from 'node:test'
import {
  type PresenceSnapshot,
  type PresenceStreamStatus,
  SseParser,
  subscribePresence,
  usersIn,
  usersUnder,
} from './presenceStream.ts'

const snapshot = (names: string[], document = 'grid:team'): PresenceSnapshot => ({
  documents: {
    [document]: names.map((name) => ({
      sub: `u-${name}`,
      name,
      nodes: ['node-a'],
      connections: 1,
    })),
  },
  users: names.length,
  at: new Date().toISOString(),
})

const frame = (value: unknown) => `event: presence\ndata: ${JSON.stringify(value)}\n\n`

/** A tiny SSE server; `handle` decides what each request gets. */
async function sseServer(handle: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const requests: IncomingMessage[] = []
  const closed: number[] = []
  const server = createServer((req, res) => {
    const n = requests.push(req) - 1
    res.on('close', () => closed.push(n))
    handle(req, res, n)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    closed,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function openStream(res: ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' })
}

async function until(check: () => boolean, what: string, ms = 5000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

test('the SSE parser reassembles events split anywhere, with CRLF, comments and multi-line data', () => {
  const text =
    ': keep-alive\r\n\r\nevent: presence\r\ndata: {"a":\r\ndata:1}\r\nid: 7\r\n\r\ndata: plain\n\n'
  for (let size = 1; size <= text.length; size++) {
    const parser = new SseParser()
    const events = []
    for (let i = 0; i < text.length; i += size) events.push(...parser.push(text.slice(i, i + size)))
    assert.deepEqual(
      events,
      [
        { event: 'presence', data: '{"a":\n1}', id: '7' },
        { event: 'message', data: 'plain', id: '7' },
      ],
      `chunk size ${size}`,
    )
  }
  const parser = new SseParser()
  parser.push('retry: 2500\n\n')
  assert.equal(parser.retryMs, 2500)
})

test('streams snapshots for one document with the token in the Authorization header', async (t) => {
  const server = await sseServer((_req, res) => {
    openStream(res)
    res.write(': hello\n\n')
    res.write(frame(snapshot(['Ada'])))
    // A snapshot split across writes, and one that is not a snapshot (ignored).
    const second = frame(snapshot(['Ada', 'Bob']))
    res.write(second.slice(0, 25))
    setTimeout(() => {
      res.write(second.slice(25))
      res.write('event: other\ndata: {}\n\n')
    }, 20)
  })
  t.after(server.close)
  const seen: PresenceSnapshot[] = []
  const statuses: PresenceStreamStatus[] = []
  const stop = subscribePresence({
    baseUrl: server.baseUrl,
    document: 'grid:team/a b',
    token: 'tok.en.x',
    onSnapshot: (s) => seen.push(s),
    onStatus: (s) => statuses.push(s),
  })
  await until(() => seen.length === 2, 'two snapshots')
  assert.deepEqual(
    seen.map((s) => usersIn(s, 'grid:team').map((u) => u.name)),
    [['Ada'], ['Ada', 'Bob']],
  )
  assert.deepEqual(statuses, ['connecting', 'open'])
  const req = server.requests[0] as IncomingMessage
  assert.equal(req.url, '/api/presence/stream?document=grid%3Ateam%2Fa%20b')
  assert.equal(req.headers.authorization, 'Bearer tok.en.x')
  assert.equal(req.headers.accept, 'text/event-stream')

  // Unsubscribing closes the request and nothing more is delivered.
  stop()
  await until(() => server.closed.includes(0), 'the server to see the stream close')
  assert.equal(seen.length, 2)
  assert.equal(server.requests.length, 1)
})

test('without a document it subscribes to everything the token may read', async (t) => {
  const server = await sseServer((_req, res) => {
    openStream(res)
    res.write(frame(snapshot(['Cy'], 'code:proj/main.ts')))
  })
  t.after(server.close)
  let seen: PresenceSnapshot | undefined
  const stop = subscribePresence({
    baseUrl: server.baseUrl,
    token: 't',
    onSnapshot: (s) => {
      seen = s
    },
  })
  t.after(stop)
  await until(() => seen !== undefined, 'a snapshot')
  assert.equal(server.requests[0]?.url, '/api/presence/stream')
  assert.deepEqual(Object.keys(seen?.documents ?? {}), ['code:proj/main.ts'])
})

test('reconnects with backoff after the stream ends or the server errors', async (t) => {
  const times: number[] = []
  const server = await sseServer((_req, res, n) => {
    times.push(Date.now())
    if (n === 0) {
      openStream(res)
      res.end(frame(snapshot(['Ada']))) // the stream ends (a node restarting, say)
    } else if (n < 3) {
      res.writeHead(503).end('presence service unreachable')
    } else {
      openStream(res)
      res.write(frame(snapshot(['Ada', 'Bob'])))
    }
  })
  t.after(server.close)
  const seen: string[][] = []
  const statuses: PresenceStreamStatus[] = []
  const stop = subscribePresence({
    baseUrl: server.baseUrl,
    token: 't',
    document: 'grid:team',
    minDelayMs: 40,
    maxDelayMs: 1000,
    onSnapshot: (s) => seen.push(usersIn(s, 'grid:team').map((u) => u.name)),
    onStatus: (s) => statuses.push(s),
  })
  t.after(stop)
  await until(() => seen.length === 2, 'a snapshot after reconnecting')
  assert.deepEqual(seen, [['Ada'], ['Ada', 'Bob']])
  assert.equal(server.requests.length, 4)
  assert.equal(statuses.at(-1), 'open')
  assert.ok(statuses.includes('unavailable'))
  // Delays grow: each failed attempt waits longer than the one before (jitter is ±25 %).
  const gaps = times.slice(1).map((time, i) => time - (times[i] as number))
  assert.ok((gaps[2] as number) > (gaps[0] as number), `gaps ${gaps}`)
})

test('a 401 is reported as unauthorized and not retried', async (t) => {
  const server = await sseServer((_req, res) => {
    res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"error":"invalid token"}')
  })
  t.after(server.close)
  const statuses: PresenceStreamStatus[] = []
  const stop = subscribePresence({
    baseUrl: server.baseUrl,
    token: 'bad',
    minDelayMs: 10,
    onSnapshot: () => assert.fail('no snapshot expected'),
    onStatus: (s) => statuses.push(s),
  })
  t.after(stop)
  await until(() => statuses.includes('unauthorized'), 'unauthorized')
  await new Promise((resolve) => setTimeout(resolve, 100))
  assert.equal(server.requests.length, 1)
  assert.deepEqual(statuses, ['connecting', 'unauthorized'])
})

test('unsubscribing while waiting to reconnect cancels the retry', async (t) => {
  const server = await sseServer((_req, res) => void res.writeHead(500).end())
  t.after(server.close)
  let unavailable = false
  const stop = subscribePresence({
    baseUrl: server.baseUrl,
    token: 't',
    minDelayMs: 50,
    onSnapshot: () => {},
    onStatus: (s) => {
      if (s === 'unavailable') unavailable = true
    },
  })
  await until(() => unavailable, 'unavailable')
  stop()
  await new Promise((resolve) => setTimeout(resolve, 150))
  assert.equal(server.requests.length, 1)
})

test('usersUnder merges a document and the documents under it, one entry per user', () => {
  const user = (sub: string, nodes: string[], connections: number) => ({
    sub,
    name: sub.toUpperCase(),
    nodes,
    connections,
  })
  const merged = usersUnder(
    {
      documents: {
        'code:p': [user('ada', ['node-a'], 2), user('bob', ['node-b'], 1)],
        'code:p/f1': [user('ada', ['node-c'], 1)],
        'code:p/f2': [user('bob', ['node-b'], 1), user('cy', ['node-a'], 3)],
        'code:px': [user('dan', ['node-a'], 1)],
        'code:q/f1': [user('eve', ['node-a'], 1)],
      },
      users: 5,
      at: new Date().toISOString(),
    },
    'code:p',
  )
  assert.deepEqual(merged, [
    user('ada', ['node-a', 'node-c'], 2),
    user('bob', ['node-b'], 1),
    user('cy', ['node-a'], 3),
  ])
})
