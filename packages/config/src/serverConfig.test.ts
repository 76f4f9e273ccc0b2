import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from './ConfigError.ts'
import { parseServerConfig } from './serverConfig.ts'

test('defaults give an embedded, open, single node on 8080', () => {
  const config = parseServerConfig({})
  assert.equal(config.port, 8080)
  assert.equal(config.databaseUrl, undefined)
  assert.equal(config.redis, undefined)
  assert.equal(config.authSecret, undefined)
  assert.ok(config.nodeId.length > 0)
  assert.equal(config.gridImportMaxBytes, 10 * 1024 * 1024)
  assert.equal(config.gridFirstScreenMaxCells, 5_000)
})

test('each bad value is one line naming the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: '70000' }, /^invalid PORT \(got "70000"\)/],
    [{ DATABASE_URL: 'mysql://x' }, /^invalid DATABASE_URL/],
    [{ REDIS_URL: 'localhost:6379' }, /^invalid REDIS_URL/],
    [{ AUTH_SECRET: 'short' }, /^invalid AUTH_SECRET/],
    [{ NODE_ID: 'a b' }, /^invalid NODE_ID/],
    [{ NODE_ENV: 'production' }, /AUTH_SECRET is required/],
    [{ UNSAVED_MAX_UPDATES: '0' }, /^invalid UNSAVED_MAX_UPDATES/],
    [{ UNSAVED_MAX_BYTES: 'lots' }, /^invalid UNSAVED_MAX_BYTES/],
    [{ SHUTDOWN_UNREADY_MS: '30000' }, /SHUTDOWN_UNREADY_MS must be shorter/],
    [{ MANAGEMENT_PORT: 'admin' }, /^invalid MANAGEMENT_PORT/],
    [{ MANAGEMENT_PORT: '8080' }, /MANAGEMENT_PORT must differ from PORT/],
    [{ DATABASE_POOL_MAX: '0' }, /^invalid DATABASE_POOL_MAX/],
    [{ GRID_IMPORT_MAX_BYTES: '10MB' }, /^invalid GRID_IMPORT_MAX_BYTES/],
    [{ GRID_FIRST_SCREEN_MAX_CELLS: '0' }, /^invalid GRID_FIRST_SCREEN_MAX_CELLS/],
    [{ CANVAS_IMAGE_MAX_BYTES: '5MB' }, /^invalid CANVAS_IMAGE_MAX_BYTES/],
    [{ CANVAS_ASSETS_MAX_BYTES: '-1' }, /^invalid CANVAS_ASSETS_MAX_BYTES/],
    [{ AWARENESS_RELAY_MS: '20000' }, /^invalid AWARENESS_RELAY_MS.*within 30 s/],
    [{ AWARENESS_RELAY_MS: '-1' }, /^invalid AWARENESS_RELAY_MS/],
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

test('an error about a secret or a URL names the variable and the rule, never the value', () => {
  const cases: Record<string, string>[] = [
    { AUTH_SECRET: 'shortSecret99' },
    { DATABASE_URL: 'mysql://weft:hunter2-password@db/weft' },
    { REDIS_URL: 'http://:redis-password@redis:6379' },
  ]
  for (const env of cases) {
    const [[variable, value]] = Object.entries(env) as [[string, string]]
    assert.throws(
      () => parseServerConfig(env),
      (error: Error) =>
        error.message.startsWith(`invalid ${variable}: `) &&
        !error.message.includes(value) &&
        !error.message.includes('password') &&
        !error.message.includes('Secret99'),
    )
  }
})

test('token settings: lifetime as a duration, issuer, audience, the previous key', () => {
  assert.equal(parseServerConfig({}).tokenMaxLifetimeSeconds, 24 * 3600)
  const config = parseServerConfig({
    AUTH_SECRET: 'a'.repeat(32),
    AUTH_SECRET_PREVIOUS: 'b'.repeat(32),
    AUTH_ISSUER: 'https://auth.example',
    AUTH_AUDIENCE: 'weft',
    TOKEN_MAX_LIFETIME: '90m',
  })
  assert.equal(config.tokenMaxLifetimeSeconds, 90 * 60)
  assert.equal(config.authSecretPrevious, 'b'.repeat(32))
  assert.equal(config.authIssuer, 'https://auth.example')
  assert.equal(config.authAudience, 'weft')
  assert.equal(parseServerConfig({ TOKEN_MAX_LIFETIME: '3600' }).tokenMaxLifetimeSeconds, 3600)
  assert.throws(
    () => parseServerConfig({ TOKEN_MAX_LIFETIME: 'forever' }),
    /^Error|TOKEN_MAX_LIFETIME/,
  )
  assert.throws(
    () => parseServerConfig({ AUTH_SECRET_PREVIOUS: 'short-old' }),
    (error: Error) =>
      error.message.startsWith('invalid AUTH_SECRET_PREVIOUS: ') &&
      !error.message.includes('short-old'),
  )
})

test('NODE_ENV names production in any case', () => {
  for (const NODE_ENV of ['production', 'Production', 'PRODUCTION', ' production ']) {
    assert.throws(() => parseServerConfig({ NODE_ENV }), /AUTH_SECRET is required/, NODE_ENV)
    assert.equal(parseServerConfig({ NODE_ENV, AUTH_SECRET: 'x'.repeat(16) }).production, true)
  }
  assert.equal(parseServerConfig({ NODE_ENV: 'development' }).production, false)
})

test('open dev mode listens on loopback unless HOST is set; with a secret, everywhere', () => {
  assert.equal(parseServerConfig({}).host, '127.0.0.1')
  assert.equal(parseServerConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0')
  assert.equal(parseServerConfig({ AUTH_SECRET: 'x'.repeat(16) }).host, '0.0.0.0')
  assert.equal(
    parseServerConfig({ AUTH_SECRET: 'x'.repeat(16), HOST: '10.0.0.5' }).host,
    '10.0.0.5',
  )
})

test('MANAGEMENT_PORT is off unless set; DATABASE_POOL_MAX defaults to 10', () => {
  assert.equal(parseServerConfig({}).managementPort, undefined)
  assert.equal(parseServerConfig({ MANAGEMENT_PORT: '9090' }).managementPort, 9090)
  assert.equal(parseServerConfig({}).databasePoolMax, 10)
  assert.equal(parseServerConfig({ DATABASE_POOL_MAX: '4' }).databasePoolMax, 4)
})

test('canvas image limits: 5 MiB per image and 50 MiB per document unless set', () => {
  const config = parseServerConfig({})
  assert.equal(config.canvasImageMaxBytes, 5 * 1024 * 1024)
  assert.equal(config.canvasAssetsMaxBytes, 50 * 1024 * 1024)
  assert.equal(parseServerConfig({ CANVAS_IMAGE_MAX_BYTES: '1024' }).canvasImageMaxBytes, 1024)
})
