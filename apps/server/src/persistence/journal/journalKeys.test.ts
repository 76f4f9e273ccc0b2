import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bootOfStream, journalBoot, journalKeys } from './journalKeys.ts'

test('a boot’s keys share one hash tag (one Redis Cluster slot) and its stream names the boot', () => {
  const boot = journalBoot('node-a', 'x1')
  const tags = [journalKeys.stream(boot), journalKeys.alive(boot), journalKeys.claim(boot)].map(
    (key) => /\{([^}]+)\}/.exec(key)?.[1],
  )
  assert.deepEqual(tags, ['journal:node-a/x1', 'journal:node-a/x1', 'journal:node-a/x1'])
  assert.deepEqual(bootOfStream(journalKeys.stream(boot)), { boot, nodeId: 'node-a' })
  assert.equal(bootOfStream(journalKeys.alive(boot)), null)
  assert.equal(bootOfStream('weft:presence:boots'), null)
})
