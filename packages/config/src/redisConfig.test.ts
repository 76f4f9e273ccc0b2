import assert from 'node:assert/strict'
import { test } from 'node:test'
import { ConfigError } from './ConfigError.ts'
import { describeRedis } from './redisConfig.ts'
import { parseServerConfig } from './serverConfig.ts'

test('REDIS_URL is one server', () => {
  assert.deepEqual(parseServerConfig({ REDIS_URL: 'redis://:pw@r:6380' }).redis, {
    mode: 'standalone',
    url: 'redis://:pw@r:6380',
  })
})

test('REDIS_SENTINELS with defaults: master "mymaster", port 26379', () => {
  const config = parseServerConfig({
    REDIS_SENTINELS: 's0, s1:26380,[::1]:26381',
    REDIS_PASSWORD: 'data-pw',
    REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
  })
  assert.deepEqual(config.redis, {
    mode: 'sentinel',
    sentinels: [
      { host: 's0', port: 26379 },
      { host: 's1', port: 26380 },
      { host: '::1', port: 26381 },
    ],
    masterName: 'mymaster',
    password: 'data-pw',
    sentinelPassword: 'sentinel-pw',
  })
  assert.equal(
    parseServerConfig({ REDIS_SENTINELS: 's0', REDIS_SENTINEL_NAME: 'weft' }).redis?.mode,
    'sentinel',
  )
})

test('REDIS_CLUSTER_NODES: seeds with default port 6379', () => {
  assert.deepEqual(
    parseServerConfig({ REDIS_CLUSTER_NODES: 'r0,r1:7001', REDIS_USERNAME: 'weft' }).redis,
    {
      mode: 'cluster',
      nodes: [
        { host: 'r0', port: 6379 },
        { host: 'r1', port: 7001 },
      ],
      username: 'weft',
    },
  )
})

test('each bad Redis setting is one line naming the variable, never a password', () => {
  const secret = 'hunter2-very-secret'
  const cases: [Record<string, string>, RegExp][] = [
    [{ REDIS_URL: `http://u:${secret}@r` }, /^invalid REDIS_URL: must be a URL/],
    [{ REDIS_SENTINELS: 's0:99999' }, /^invalid REDIS_SENTINELS \(got "s0:99999"\)/],
    [{ REDIS_SENTINELS: 's0;s1' }, /^invalid REDIS_SENTINELS/],
    [{ REDIS_CLUSTER_NODES: ',' }, /^invalid REDIS_CLUSTER_NODES/],
    [{ REDIS_SENTINELS: 's0', REDIS_SENTINEL_NAME: 'a b' }, /^invalid REDIS_SENTINEL_NAME/],
    [{ REDIS_URL: 'redis://r', REDIS_CLUSTER_NODES: 'r0' }, /^set only one of REDIS_URL/],
    [{ REDIS_URL: 'redis://r', REDIS_PASSWORD: secret }, /^REDIS_PASSWORD applies to/],
    [{ REDIS_PASSWORD: secret }, /^REDIS_PASSWORD is set but/],
    [{ REDIS_SENTINEL_PASSWORD: secret }, /^REDIS_SENTINEL_PASSWORD is set but/],
  ]
  for (const [env, message] of cases) {
    assert.throws(
      () => parseServerConfig(env),
      (error: Error) =>
        error instanceof ConfigError &&
        message.test(error.message) &&
        !error.message.includes(secret) &&
        !error.message.includes('\n'),
      `${JSON.stringify(env)} → ${message}`,
    )
  }
})

test('describeRedis names the mode and addresses only', () => {
  assert.equal(describeRedis(undefined), 'off (single node)')
  assert.equal(describeRedis({ mode: 'standalone', url: 'redis://:pw@r:6380/1' }), 'redis://r:6380')
  assert.equal(
    describeRedis({
      mode: 'sentinel',
      sentinels: [{ host: 's0', port: 26379 }],
      masterName: 'm',
      password: 'pw',
    }),
    'sentinel m via s0:26379',
  )
})
