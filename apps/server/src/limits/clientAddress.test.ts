import assert from 'node:assert/strict'
import type { IncomingMessage } from 'node:http'
import { test } from 'node:test'
import { requestSource as clientAddress, trustedProxies } from './clientAddress.ts'

const request = (peer: string, forwarded?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
  }) as unknown as IncomingMessage

test('X-Forwarded-For counts only from a trusted proxy, and only its untrusted end', () => {
  const proxies = trustedProxies(['10.0.0.0/8', '127.0.0.1'])
  // No trusted proxies configured: the peer, whatever the header says.
  assert.equal(clientAddress(request('203.0.113.9', '1.1.1.1'), null), '203.0.113.9')
  // From an untrusted peer the header is the client's own words: ignored.
  assert.equal(clientAddress(request('203.0.113.9', '1.1.1.1'), proxies), '203.0.113.9')
  // Through the ingress: the rightmost address that is not a proxy.
  assert.equal(
    clientAddress(request('10.1.2.3', '1.1.1.1, 198.51.100.7, 10.2.0.1'), proxies),
    '198.51.100.7',
  )
  assert.equal(clientAddress(request('::ffff:127.0.0.1', '198.51.100.7'), proxies), '198.51.100.7')
  assert.equal(clientAddress(request('::ffff:203.0.113.9'), proxies), '203.0.113.9')
  assert.equal(clientAddress(request('10.1.2.3', 'garbage'), proxies), '10.1.2.3')
})
