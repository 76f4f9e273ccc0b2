import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { renderChartPods } from './chartPods.ts'

const existingSecrets = {
  auth: { existingSecret: 'weft-auth', existingSecretKey: 'jwt' },
  database: { existingSecret: 'weft-pg', existingSecretKey: 'uri' },
  redis: { existingSecret: 'weft-redis', existingSecretKey: 'uri' },
}

describe('renderChartPods', () => {
  test('server pod: repo-root command, env from the given secrets, NODE_ID from the pod name', () => {
    const pods = renderChartPods({
      values: { ...existingSecrets, presence: { enabled: true } },
      secrets: {
        'weft-auth': { jwt: 'k' },
        'weft-pg': { uri: 'postgresql://u:p@127.0.0.1:5432/weft' },
        'weft-redis': { uri: 'redis://127.0.0.1:6379' },
      },
      podName: (component) => `${component}-a`,
    })
    assert.deepEqual(pods.server.argv, ['node', 'apps/server/src/main.ts'])
    assert.equal(pods.server.env.DATABASE_URL, 'postgresql://u:p@127.0.0.1:5432/weft')
    assert.equal(pods.server.env.REDIS_URL, 'redis://127.0.0.1:6379')
    assert.equal(pods.server.env.AUTH_SECRET, 'k')
    assert.equal(pods.server.env.NODE_ID, 'server-a')
    assert.equal(pods.server.env.PORT, String(pods.server.containerPort))
    assert.deepEqual(pods.presence?.argv, ['node', 'apps/presence/src/main.ts'])
    assert.equal(pods.presence?.env.NODE_ID, 'presence-a')
  })

  test('probes resolve the named port to the container port the process listens on', () => {
    const pods = renderChartPods({
      values: { ...existingSecrets, server: { containerPort: 9123, managementPort: 9124 } },
      secrets: {
        'weft-auth': { jwt: 'k' },
        'weft-pg': { uri: 'postgresql://x' },
        'weft-redis': { uri: 'redis://x' },
      },
    })
    assert.equal(pods.server.containerPort, 9123)
    assert.equal(pods.server.env.PORT, '9123')
    assert.equal(pods.server.env.MANAGEMENT_PORT, '9124')
    assert.deepEqual(
      [pods.server.readinessProbe?.path, pods.server.readinessProbe?.port],
      ['/readyz', 9124],
    )
    assert.deepEqual(
      [pods.server.livenessProbe?.path, pods.server.livenessProbe?.port],
      ['/healthz', 9124],
    )
    assert.ok(pods.server.terminationGracePeriodSeconds > 20)
  })

  test('chart-made Secrets resolve from the rendered manifests, extraEnv passes through', () => {
    const pods = renderChartPods({
      values: {
        auth: { secret: 'inline' },
        database: { url: 'postgresql://inline/weft' },
        server: { replicaCount: 1, extraEnv: [{ name: 'LOG_LEVEL', value: 'debug' }] },
        presence: { enabled: false },
      },
    })
    assert.equal(pods.server.env.AUTH_SECRET, 'inline')
    assert.equal(pods.server.env.DATABASE_URL, 'postgresql://inline/weft')
    assert.equal(pods.server.env.REDIS_URL, undefined)
    assert.equal(pods.server.env.LOG_LEVEL, 'debug')
    assert.equal(pods.presence, undefined)
  })

  test('a secret the caller did not pass is an error naming it', () => {
    assert.throws(
      () => renderChartPods({ values: existingSecrets, secrets: {} }),
      /weft-pg key uri/,
    )
  })

  test('values the chart refuses surface helm’s message', () => {
    assert.throws(
      () => renderChartPods({ values: {} }),
      /database\.url or database\.existingSecret/,
    )
  })
})
