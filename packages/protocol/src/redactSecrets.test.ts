import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mintAccessToken } from './accessTokens.ts'
import { redactSecrets } from './redactSecrets.ts'

test('tokens, Authorization values, cookies and URL passwords never survive a log line', async () => {
  const token = await mintAccessToken({ sub: 'ada', docs: { '*': 'write' } }, 'x'.repeat(32))
  const line = JSON.stringify({
    msg: `request failed GET /grid/a?x=1&token=opaque-secret-value&y=2`,
    err: { message: `bad header Bearer ${token}`, stack: `at ${token}` },
    headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: 'session=abc"def' },
    url: `/yjs/grid:a?token=${token}`,
    db: 'postgresql://weft:hunter2@db:5432/weft',
  })
  const redacted = redactSecrets(line)
  for (const secret of [token, 'opaque-secret-value', 'dXNlcjpwYXNz', 'session=abc', 'hunter2']) {
    assert.ok(!redacted.includes(secret), `${secret} survived: ${redacted}`)
  }
  // What is not secret stays readable.
  assert.match(redacted, /\/grid\/a\?x=1&token=\[redacted\]&y=2/)
  assert.match(redacted, /postgresql:\/\/weft:\[redacted\]@db:5432\/weft/)
  assert.doesNotThrow(() => JSON.parse(redacted))
})
