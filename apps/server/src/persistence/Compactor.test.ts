import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import type { PrismaClient } from '@weft/db'
import { createLogger } from '../logger.ts'
import { Metrics } from '../metrics/Metrics.ts'
import { Compactor } from './Compactor.ts'

/** A compactor whose compactions are recorded (and whose clock the test turns). */
function recording(t: TestContext) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 0 })
  const runs: string[] = []
  const compactor = new Compactor({
    prisma: {} as PrismaClient,
    nodeId: 'n',
    everyUpdates: 10,
    retentionHours: 1,
    quietMs: 1_000,
    maxWaitMs: 10_000,
    logger: createLogger({ level: 'silent', nodeId: 'n' }),
    metrics: new Metrics(),
    compact: async (name) => {
      runs.push(name)
      return 1
    },
  })
  return { compactor, runs }
}

const batch = (documentName: string, rows: number) => new Map([[documentName, rows]])

test('a burst of rows compacts once, after the rows pause, not while they pour in', async (t) => {
  const { compactor, runs } = recording(t)
  for (let i = 0; i < 40; i++) {
    compactor.recordPersisted(batch('doc', 100)) // 100 rows every 100 ms: 40 thresholds crossed
    t.mock.timers.tick(100)
    await compactor.idle()
  }
  assert.deepEqual(runs, [], 'nothing during the burst')
  t.mock.timers.tick(1_000)
  await compactor.idle()
  assert.deepEqual(runs, ['doc'], 'one compaction once the rows paused')
  compactor.stop()
})

test('a document written without pause still compacts within the longest wait', async (t) => {
  const { compactor, runs } = recording(t)
  for (let i = 0; i < 25; i++) {
    compactor.recordPersisted(batch('doc', 10))
    t.mock.timers.tick(500)
    await compactor.idle()
  }
  // 12.5 s of rows every 0.5 s: due from the first batch, compacted at 10 s.
  assert.deepEqual(runs, ['doc'])
  compactor.stop()
})

test('an unloading document compacts at once, without waiting for a pause', async (t) => {
  const { compactor, runs } = recording(t)
  compactor.recordPersisted(batch('doc', 10)) // due, waiting for a pause
  compactor.recordPersisted(batch('doc', 3))
  compactor.requestIfDirty('doc')
  await compactor.idle()
  assert.deepEqual(runs, ['doc'])
  t.mock.timers.tick(20_000)
  await compactor.idle()
  assert.deepEqual(runs, ['doc'], 'the paced request was absorbed by the unload')
  compactor.requestIfDirty('doc') // nothing new since: nothing to do
  await compactor.idle()
  assert.deepEqual(runs, ['doc'])
  compactor.stop()
})

test('a compaction that failed is tried again when the document next unloads', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 0 })
  const runs: string[] = []
  let failNext = true
  const compactor = new Compactor({
    prisma: {} as PrismaClient,
    nodeId: 'n',
    everyUpdates: 10,
    retentionHours: 1,
    logger: createLogger({ level: 'silent', nodeId: 'n' }),
    metrics: new Metrics(),
    compact: async (name) => {
      runs.push(name)
      if (failNext) {
        failNext = false
        throw new Error('database away')
      }
      return 1
    },
  })
  compactor.recordPersisted(batch('doc', 3))
  compactor.requestIfDirty('doc') // unloads: compacts at once, and fails
  await compactor.idle()
  compactor.requestIfDirty('doc') // loaded and unloaded again, no new rows
  await compactor.idle()
  assert.deepEqual(runs, ['doc', 'doc'])
  compactor.stop()
})

test('a row written at unload for peers’ content alone does not make the unload compact', async (t) => {
  const { compactor, runs } = recording(t)
  compactor.recordPersisted(batch('read-only-here', 1))
  compactor.uncount('read-only-here', 1)
  compactor.requestIfDirty('read-only-here')
  compactor.recordPersisted(batch('edited-here', 3))
  compactor.uncount('edited-here', 1)
  compactor.requestIfDirty('edited-here')
  await compactor.idle()
  assert.deepEqual(runs, ['edited-here'], 'only the document this node’s clients wrote')
  compactor.stop()
})
