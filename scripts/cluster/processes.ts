// The cluster's processes: started detached (each leads its own process group, so `down` can stop
// it and anything it forked), logged to files, and recorded with PID and binary in state.json.
// `down` and `status` act only on recorded PIDs whose command line still names the recorded binary,
// so a PID the kernel has since reused for something else is never signalled.
import { spawn } from 'node:child_process'
import { existsSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { STATE_FILE } from './paths.ts'

export interface Recorded {
  name: string
  pid: number
  binary: string
  log: string
}

export interface ClusterState {
  version: string
  tier: 1 | 2
  apiServer: string
  kubeconfig: string
  startedAt: string
  processes: Recorded[]
  /** Network namespaces / interfaces tier 2 created, removed by `down`. */
  cleanup: string[][]
}

export function readState(): ClusterState | undefined {
  if (!existsSync(STATE_FILE)) return undefined
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ClusterState
}

export function writeState(state: ClusterState) {
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`)
}

export function startProcess(
  name: string,
  binary: string,
  args: string[],
  logDir: string,
): Recorded {
  const log = join(logDir, `${name}.log`)
  const fd = openSync(log, 'a')
  const child = spawn(binary, args, { detached: true, stdio: ['ignore', fd, fd] })
  child.unref()
  if (child.pid === undefined) throw new Error(`${name}: could not start ${binary}`)
  return { name, pid: child.pid, binary, log }
}

/** True when the PID runs and is still the recorded binary. */
export function isAlive(p: Recorded): boolean {
  try {
    const cmdline = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8')
    return cmdline.split('\0')[0] === p.binary
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** SIGTERM to the process group, then SIGKILL after `graceMs` if it is still there. */
export async function stopProcess(p: Recorded, graceMs = 15_000) {
  if (!isAlive(p)) return
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-p.pid, sig)
    } catch {
      try {
        process.kill(p.pid, sig)
      } catch {}
    }
  }
  signal('SIGTERM')
  const deadline = Date.now() + graceMs
  while (isAlive(p) && Date.now() < deadline) await sleep(100)
  if (isAlive(p)) signal('SIGKILL')
  while (isAlive(p)) await sleep(50)
}

export function tailLog(p: Recorded, lines = 30): string {
  try {
    return readFileSync(p.log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return '(no log)'
  }
}
