import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from './ConfigError.ts'
import { parseServerConfig } from './serverConfig.ts'

test('defaults give an embedded, open, single node on 8080', () => {
  const config = parseServerConfig({})
  assert.equal(config.port, 8080)
  assert.equal(config.databaseUrl, undefined)
  assert.equal(config.redisUrl, undefined)
  assert.equal(config.authSecret, undefined)
  assert.ok(config.nodeId.length > 0)
})

test('each bad value is one line naming the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: '70000' }, /^invalid PORT \(got "70000"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /^invalid DATABASE_URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^invalid REDIS_URL/],
    [{ AUTH_SECRET: 'short' }, /^invalid AUTH_SECRET/],
    [{ NODE_ID: 'a b' }, /^invalid NODE_ID/],
    [{ NODE_ENV: 'production' }, /AUTH_SECRET is required/],
    [{ MANAGEMENT_PORT: 'admin' }, /^invalid MANAGEMENT_PORT/],
    [{ MANAGEMENT_PORT: '8080' }, /MANAGEMENT_PORT must differ from PORT/],
    [{ DATABASE_POOL_MAX: '0' }, /^invalid DATABASE_POOL_MAX/],
  ]
  for (const [env, message] of cases) {
    assert.throws(
      () => parseServerConfig(env),
      (error: Error) =>
        error instanceof ConfigError &&
        message.test(error.message) &&
        !error.message.includes('\n'),
    )
  }
})

test('empty values count as unset', () => {
  assert.equal(parseServerConfig({ REDIS_URL: '', PORT: '' }).port, 8080)
})

test('MANAGEMENT_PORT is off unless set; DATABASE_POOL_MAX defaults to 10', () => {
  assert.equal(parseServerConfig({}).managementPort, undefined)
  assert.equal(parseServerConfig({ MANAGEMENT_PORT: '9090' }).managementPort, 9090)
  assert.equal(parseServerConfig({}).databasePoolMax, 10)
  assert.equal(parseServerConfig({ DATABASE_POOL_MAX: '4' }).databasePoolMax, 4)
})
