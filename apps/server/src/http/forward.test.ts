import assert from 'node:assert/strict'
import { test } from 'node:test'
import { endToEndHeaders } from './forward.ts'

test('hop-by-hop headers and those the Connection header names are not passed on', () => {
  const kept = endToEndHeaders({
    authorization: 'Bearer t',
    connection: 'keep-alive, X-Hop',
    'x-hop': 'one hop only',
    'keep-alive': 'timeout=5',
    'transfer-encoding': 'chunked',
    upgrade: 'websocket',
    'proxy-authorization': 'Basic x',
    te: 'trailers',
    accept: 'text/event-stream',
  })
  assert.deepEqual(kept, { authorization: 'Bearer t', accept: 'text/event-stream' })
})
