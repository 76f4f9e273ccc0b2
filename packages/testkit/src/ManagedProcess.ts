/**
 * A child process the harness owns: output kept for failure messages, and stop (SIGTERM and
 * wait), kill (SIGKILL, a crash) and wait-for-exit, so failure tests can take services away.
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
}

/** Every child still running, so none outlives the test process that started it. */
const running = new Set<ChildProcess>()
let cleanupInstalled = false

function installCleanup() {
  if (cleanupInstalled) return
  cleanupInstalled = true
  const killAll = () => {
    for (const child of running) child.kill('SIGKILL')
  }
  process.once('exit', killAll)
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(128 + (signal === 'SIGTERM' ? 15 : 2))
    })
  }
}

export class ManagedProcess {
  readonly name: string
  readonly child: ChildProcess
  readonly exited: Promise<ExitStatus>
  private output: string[] = []
  private exitStatus: ExitStatus | null = null

  constructor(name: string, command: string, args: string[], options: SpawnOptions = {}) {
    this.name = name
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options })
    installCleanup()
    running.add(this.child)
    const keep = (chunk: Buffer) => {
      this.output.push(chunk.toString())
      if (this.output.length > 400) this.output.splice(0, 100)
      if (process.env.HARNESS_VERBOSE) process.stderr.write(`[${name}] ${chunk}`)
    }
    this.child.stdout?.on('data', keep)
    this.child.stderr?.on('data', keep)
    this.exited = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        running.delete(this.child)
        this.exitStatus = { code, signal }
        resolve(this.exitStatus)
      })
      this.child.on('error', (error) => {
        this.output.push(String(error))
        this.exitStatus = { code: -1, signal: null }
        resolve(this.exitStatus)
      })
    })
  }

  get running(): boolean {
    return this.exitStatus === null
  }

  /** The last lines the process printed, for assertion messages. */
  logs(lines = 60): string {
    return this.output.join('').split('\n').slice(-lines).join('\n')
  }

  /** Asks the process to stop (`signal`, SIGTERM by default) and waits; SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000, signal: NodeJS.Signals = 'SIGTERM'): Promise<ExitStatus> {
    if (!this.running) return this.exitStatus as ExitStatus
    this.child.kill(signal)
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs)
    const status = await this.exited
    clearTimeout(timer)
    return status
  }

  async kill(): Promise<ExitStatus> {
    if (!this.running) return this.exitStatus as ExitStatus
    this.child.kill('SIGKILL')
    return this.exited
  }
}
