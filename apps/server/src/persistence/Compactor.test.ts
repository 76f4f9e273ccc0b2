import assert from 'node:assert/strict'
import { type TestContext, test } from 'node:test'
import type { PrismaClient } from '@weft/db'
import { createLogger } from '../logger.ts'
import { Metrics } from '../Metrics.ts'
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
    minIntervalMs: 2_000,
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

test('a burst of rows compacts a document once per interval, not once per N rows', async (t) => {
  const { compactor, runs } = recording(t)
  for (let i = 0; i < 100; i++) compactor.recordPersisted(batch('doc', 10)) // 1,000 rows at once
  await compactor.idle()
  assert.deepEqual(runs, ['doc'], 'the first threshold compacts at once')
  for (let i = 0; i < 100; i++) compactor.recordPersisted(batch('doc', 10))
  await compactor.idle()
  assert.deepEqual(runs, ['doc'], 'the rest waits for the interval')
  t.mock.timers.tick(2_000)
  await compactor.idle()
  assert.deepEqual(runs, ['doc', 'doc'], 'then one compaction takes them all')
  compactor.stop()
})

test('an unloading document compacts at once, whatever the interval', async (t) => {
  const { compactor, runs } = recording(t)
  compactor.recordPersisted(batch('doc', 10))
  await compactor.idle()
  compactor.recordPersisted(batch('doc', 3))
  compactor.requestIfDirty('doc')
  await compactor.idle()
  assert.deepEqual(runs, ['doc', 'doc'])
  compactor.requestIfDirty('doc') // nothing new since: nothing to do
  await compactor.idle()
  assert.deepEqual(runs, ['doc', 'doc'])
  compactor.stop()
})
