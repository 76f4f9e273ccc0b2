// Redis high availability as chart values: sentinel and cluster modes render the variables the
// runtime reads (packages/config redisConfig.ts), passwords only as Secret references, the
// sentinel port in the NetworkPolicy, and refuse incomplete settings.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseServerConfig } from '@weft/config'
import { renderChartPods } from '../../../packages/testkit/src/chartPods.ts'
import { find, get, helmTemplate, mainContainer, renderScenario, scenarios } from './chart.ts'

const scenarioFile = (name: string) => scenarios.find(([n]) => n === name)?.[1] as string

type EnvVar = { name: string; value?: string; valueFrom?: { secretKeyRef?: unknown } }
const envOf = (objects: ReturnType<typeof renderScenario>, component: string) =>
  mainContainer(get(objects, 'Deployment', component)).env as EnvVar[]

describe('redis.mode=sentinel', () => {
  const objects = renderScenario('redis-sentinel')

  test('server and presence get the sentinels and master name, passwords by optional reference', () => {
    for (const component of ['server', 'presence']) {
      const env = envOf(objects, component)
      const byName = new Map(env.map((variable) => [variable.name, variable]))
      assert.equal(byName.has('REDIS_URL'), false, component)
      assert.equal(
        byName.get('REDIS_SENTINELS')?.value,
        'redis-node-0.redis-headless:26379,redis-node-1.redis-headless:26379,redis-node-2.redis-headless:26379',
      )
      assert.equal(byName.get('REDIS_SENTINEL_NAME')?.value, 'weft')
      assert.deepEqual(byName.get('REDIS_PASSWORD')?.valueFrom?.secretKeyRef, {
        name: 'weft-redis',
        key: 'redis-password',
        optional: true,
      })
      assert.deepEqual(byName.get('REDIS_SENTINEL_PASSWORD')?.valueFrom?.secretKeyRef, {
        name: 'weft-redis',
        key: 'redis-sentinel-password',
        optional: true,
      })
    }
    assert.equal(find(objects, 'Secret'), undefined, 'nothing inline, no chart Secret')
  })

  test('the NetworkPolicy opens the sentinel port beside the Redis port', () => {
    const policy = get(objects, 'NetworkPolicy', 'server')
    const ports = (policy.spec.egress as { ports?: { port: number }[] }[]).flatMap((rule) =>
      (rule.ports ?? []).map((p) => p.port),
    )
    assert.ok(ports.includes(6379) && ports.includes(26379), JSON.stringify(ports))
  })

  test('what the pods get is what a node parses: the same sentinels, name and passwords', () => {
    const pods = renderChartPods({
      valuesFiles: [scenarioFile('redis-sentinel')],
      secrets: {
        'weft-auth': { 'auth-secret': 'chart-test-secret-0123456789' },
        'weft-postgres': { 'database-url': 'postgresql://u:p@db:5432/weft' },
        'weft-redis': { 'redis-password': 'data-pw', 'redis-sentinel-password': 'sentinel-pw' },
      },
    })
    const config = parseServerConfig(pods.server.env)
    assert.deepEqual(config.redis, {
      mode: 'sentinel',
      sentinels: [0, 1, 2].map((i) => ({ host: `redis-node-${i}.redis-headless`, port: 26379 })),
      masterName: 'weft',
      password: 'data-pw',
      sentinelPassword: 'sentinel-pw',
    })
    // A Secret without the sentinel key: the sentinels are used without a password.
    const withoutSentinelPassword = renderChartPods({
      valuesFiles: [scenarioFile('redis-sentinel')],
      secrets: {
        'weft-auth': { 'auth-secret': 'chart-test-secret-0123456789' },
        'weft-postgres': { 'database-url': 'postgresql://u:p@db:5432/weft' },
        'weft-redis': { 'redis-password': 'data-pw' },
      },
    })
    const redis = parseServerConfig(withoutSentinelPassword.server.env).redis
    assert.equal(redis?.mode === 'sentinel' && redis.sentinelPassword, undefined)
  })
})

describe('redis.mode=cluster', () => {
  const objects = renderScenario('redis-cluster')

  test('the seed nodes as a value, the inline password in the chart Secret and never in a pod', () => {
    const env = envOf(objects, 'server')
    const byName = new Map(env.map((variable) => [variable.name, variable]))
    assert.equal(
      byName.get('REDIS_CLUSTER_NODES')?.value,
      'redis-cluster-0.redis-cluster-headless:6379,redis-cluster-1.redis-cluster-headless:6379,redis-cluster-2.redis-cluster-headless:6379',
    )
    assert.equal(byName.get('REDIS_USERNAME')?.value, 'weft')
    assert.deepEqual(byName.get('REDIS_PASSWORD')?.valueFrom?.secretKeyRef, {
      name: 'weft',
      key: 'redis-password',
      optional: false,
    })
    const secret = get(objects, 'Secret')
    assert.equal(
      Buffer.from(secret.data['redis-password'], 'base64').toString(),
      'ci-redis-password',
    )
    for (const workload of objects.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind))) {
      assert.doesNotMatch(JSON.stringify(workload), /ci-redis-password/, workload.metadata.name)
    }
    const pods = renderChartPods({
      valuesFiles: [scenarioFile('redis-cluster')],
      secrets: {
        'weft-auth': { 'auth-secret': 'chart-test-secret-0123456789' },
        'weft-postgres': { 'database-url': 'postgresql://u:p@db:5432/weft' },
      },
    })
    assert.deepEqual(parseServerConfig(pods.server.env).redis, {
      mode: 'cluster',
      nodes: [0, 1, 2].map((i) => ({
        host: `redis-cluster-${i}.redis-cluster-headless`,
        port: 6379,
      })),
      username: 'weft',
      password: 'ci-redis-password',
    })
  })
})

describe('incomplete Redis settings are refused', () => {
  const base = { auth: { secret: 'x' }, database: { url: 'postgresql://x' } }
  const refused = (redis: Record<string, unknown>, message: RegExp) => {
    const result = helmTemplate({ values: { ...base, redis } })
    assert.notEqual(result.status, 0, JSON.stringify(redis))
    assert.match(result.stderr, message)
  }

  test('sentinel mode without addresses', () =>
    refused({ mode: 'sentinel' }, /redis\.sentinel\.addresses/))

  test('cluster mode without seed nodes', () =>
    refused({ mode: 'cluster' }, /redis\.cluster\.nodes/))

  test('a URL in sentinel mode', () =>
    refused(
      { mode: 'sentinel', url: 'redis://x', sentinel: { addresses: ['s:26379'] } },
      /redis\.url is for standalone mode/,
    ))

  test('an address without a port, or an unknown mode (schema)', () => {
    refused({ mode: 'cluster', cluster: { nodes: ['redis-0'] } }, /nodes/)
    refused({ mode: 'replicated' }, /mode/)
  })
})
