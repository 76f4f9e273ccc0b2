import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { type TestContext, test } from 'node:test'
import { Redis } from 'ioredis'
import { LocalPlacementWindow, RedisPlacementWindow } from './placementLimits.ts'

async function allowed(
  limiter: { allow: (k: string) => Promise<boolean> },
  key: string,
  n: number,
) {
  const answers: boolean[] = []
  for (let i = 0; i < n; i++) answers.push(await limiter.allow(key))
  return answers
}

test('a window holds N placements a minute per user and board, and slides', async (t: TestContext) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 })
  const window = new LocalPlacementWindow(3)
  assert.deepEqual(await allowed(window, 'ada|b', 4), [true, true, true, false])
  assert.deepEqual(
    await allowed(window, 'bob|b', 1),
    [true],
    'another user has a window of their own',
  )
  t.mock.timers.tick(59_999)
  assert.deepEqual(await allowed(window, 'ada|b', 1), [false])
  t.mock.timers.tick(1)
  assert.deepEqual(await allowed(window, 'ada|b', 4), [true, true, true, false])
})

test('with Redis unreachable, placements are paced by the node itself', async () => {
  // A port that was free a moment ago: nothing listens there.
  const probe = createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => probe.once('listening', resolve))
  const port = (probe.address() as { port: number }).port
  await new Promise((resolve) => probe.close(resolve))
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 })
  redis.on('error', () => {})
  const fallbacks: unknown[] = []
  try {
    const window = new RedisPlacementWindow({
      redis,
      perMinute: 2,
      onFallback: (error) => fallbacks.push(error),
    })
    assert.deepEqual(await allowed(window, 'ada|b', 3), [true, true, false])
  } finally {
    redis.disconnect()
  }
})
