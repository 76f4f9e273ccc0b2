import assert from 'node:assert/strict'
import { test } from 'node:test'
import { connectionRequest } from './connectionRequest.ts'

test('a connection request keeps path, query and headers, with a relative url', async () => {
  const original = new Request('http://node-a:8080/collab?room=7&token=x%20y', {
    headers: { authorization: 'Bearer t', 'x-forwarded-for': '10.0.0.1' },
  })
  const request = connectionRequest(original)
  assert.equal(request.url, '/collab?room=7&token=x%20y')
  // What Hocuspocus's getParameters does with a url that has no scheme.
  const parameters = new URLSearchParams(request.url.split('?')[1] ?? '')
  assert.equal(parameters.get('room'), '7')
  assert.equal(parameters.get('token'), 'x y')
  assert.equal(request.headers.get('authorization'), 'Bearer t')
  assert.equal(request.method, 'GET')
  assert.equal(await request.clone().text(), '')
})
