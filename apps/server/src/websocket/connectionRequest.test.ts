import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connectionRequest } from './connectionRequest.ts'

/** What Hocuspocus's getParameters does with a request's url. */
function hocuspocusParameters(url: string): URLSearchParams {
  return url.includes('://') ? new URL(url).searchParams : new URLSearchParams(url.split('?')[1])
}

test('a connection request keeps path, query and headers, with a relative url', async () => {
  const original = new Request('http://node-a:8080/collab?room=7&token=x%20y', {
    headers: { authorization: 'Bearer t', 'x-forwarded-for': '10.0.0.1' },
  })
  const request = connectionRequest(original)
  assert.equal(request.url, '/collab?room=7&token=x+y')
  const parameters = hocuspocusParameters(request.url)
  assert.equal(parameters.get('room'), '7')
  assert.equal(parameters.get('token'), 'x y')
  assert.equal(request.headers.get('authorization'), 'Bearer t')
  assert.equal(request.method, 'GET')
  assert.equal(await request.clone().text(), '')
})

test('queries holding "://" or a second "?" give Hocuspocus the same parameters as before', () => {
  for (const query of ['?next=https://x.example/a?b=c&token=t', '?a=b?c&token=t', '', '?']) {
    const original = new Request(`http://node-a/collab${query}`)
    const expected = hocuspocusParameters(original.url)
    const got = hocuspocusParameters(connectionRequest(original).url)
    assert.deepEqual([...got], [...expected], query)
  }
})

test('a request whose url is no URL is handed on unchanged', () => {
  const unparsable = { url: 'http://a b/collab', headers: new Headers() } as unknown as Request
  assert.equal(connectionRequest(unparsable), unparsable)
})
