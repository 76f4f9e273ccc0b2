import assert from 'node:assert/strict'
import { test } from 'node:test'
import { runQueueWaitMs, schedstatWaitMs } from './stats.ts'

test('a schedstat line gives the time spent waiting for a core, in ms', () => {
  assert.equal(schedstatWaitMs('7554026285 27335907407 6536\n'), 27335.907407)
  assert.equal(schedstatWaitMs(''), 0)
})

test('a process that is gone, or none, reads as no wait', () => {
  // Above the kernel's largest pid (pid_max is at most 2^22), so never a live process.
  assert.equal(runQueueWaitMs(2 ** 22 + 1), 0)
  assert.equal(runQueueWaitMs(undefined), 0)
})
