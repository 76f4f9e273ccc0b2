import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync, readFileSync } from 'node:fs'
import { test } from 'node:test'
import { pinCpus } from './pinCpus.ts'

/** The CPUs the kernel lets a thread of `pid` run on, as /proc lists them. */
function allowedCpus(pid: number, tid = pid): string {
  const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8')
  return /Cpus_allowed_list:\s*(\S+)/.exec(status)?.[1] ?? ''
}

test('a pinned process runs, with every thread it has, only on the CPUs given', async () => {
  // A Node process has its V8 and libuv threads before it runs any code: pinning must reach them.
  const child = spawn(
    process.execPath,
    ['-e', 'process.stdout.write("running"); setInterval(() => {}, 1000)'],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  )
  try {
    // Running code: V8 and libuv have started their threads by then.
    await once(child.stdout, 'data')
    const pid = child.pid as number
    pinCpus(pid, '0')
    const threads = readdirSync(`/proc/${pid}/task`).map(Number)
    assert.ok(threads.length > 1, 'a Node process has helper threads')
    for (const tid of threads) assert.equal(allowedCpus(pid, tid), '0')
  } finally {
    child.kill('SIGKILL')
  }
})

test('a CPU list taskset would misread is refused before anything is pinned', () => {
  assert.throws(() => pinCpus(process.pid, '0;reboot'), /not a CPU list: 0;reboot/)
  assert.throws(() => pinCpus(process.pid, ''), /not a CPU list/)
})
