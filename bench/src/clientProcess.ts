/**
 * Client loads in child processes, so thousands of clients neither share an event loop with the
 * bench nor with a server. The parent spawns an entry script with its arguments in a JSON file
 * (which always carry `out`, the file the child writes its result to); the child prints `READY`
 * once its clients are synced (protocol-level clients: joined, see lightClients.ts), may print
 * lines of its own for the parent to wait for (`said`, e.g. `SENT <count>`), may wait for lines
 * from the parent on stdin (`GO <startAtMicros>`, `STOP`), and exits after writing its result.
 * Times cross processes as CLOCK_MONOTONIC microseconds (`process.hrtime`, one clock for the
 * whole machine).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { ManagedProcess, REPO_ROOT } from '@weft/testkit'
import {
  type BenchClient,
  type BenchClientOptions,
  connectBenchClient,
  whenSynced,
} from './clients.ts'
import type { Protocol } from './fleets.ts'

export const nowMicros = () => Number(process.hrtime.bigint() / 1000n)

export const waitUntilMicros = (micros: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, (micros - nowMicros()) / 1000)))

export interface ClientProcess<R> {
  process: ManagedProcess
  /** Resolves when the child printed READY (its clients are connected, and synced or joined). */
  ready: Promise<void>
  /** The child's result, once it exited; rejects if it failed or ran past its time limit. */
  result: Promise<R>
  /** Writes one line to the child's stdin. */
  send(line: string): void
  /** The rest of the first line the child prints that starts with `prefix` (and a space). */
  said(prefix: string): Promise<string>
}

let spawned = 0

/**
 * Starts `bench/src/<entry>` with `args` (plus `out`). With `nice`, the process starts under
 * `nice -n <nice>`, so every thread of it (V8's GC and compiler threads too) runs at that
 * priority; without the right to raise it, `nice` says so on stderr and runs it at 0.
 */
export function spawnClients<R>(
  entry: string,
  args: Record<string, unknown>,
  limitMs: number,
  options: { nice?: number } = {},
): ClientProcess<R> {
  const base = join(tmpdir(), `weft-bench-clients-${process.pid}-${spawned++}`)
  const out = `${base}.out.json`
  // In a file: 2,500 document names exceed what one command-line argument may hold (E2BIG).
  writeFileSync(`${base}.args.json`, JSON.stringify({ ...args, out }))
  const command = [process.execPath, join('bench', 'src', entry), `${base}.args.json`]
  if (options.nice) command.unshift('nice', '-n', String(options.nice))
  const [bin, ...rest] = command as [string, ...string[]]
  const child = new ManagedProcess(`clients-${spawned}`, bin, rest, {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const lineWaiters: (() => void)[] = []
  createInterface({ input: child.child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    lines.push(line)
    for (const waiter of lineWaiters.splice(0)) waiter()
  })
  const said = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = lines.find((l) => l === prefix || l.startsWith(`${prefix} `))
        if (line === undefined) return lineWaiters.push(check)
        resolve(line.slice(prefix.length + 1))
      }
      check()
      void child.exited.then(() =>
        reject(new Error(`client process exited before saying ${prefix}: ${child.logs()}`)),
      )
    })
  const ready = said('READY').then(() => {})
  ready.catch(() => {})
  const timer = setTimeout(() => child.child.kill('SIGKILL'), limitMs)
  const result = child.exited.then((status) => {
    clearTimeout(timer)
    if (status.code !== 0)
      throw new Error(`client process ${entry} failed (${status.code}): ${child.logs()}`)
    return JSON.parse(readFileSync(out, 'utf8')) as R
  })
  // Awaited later (after the run); a child failing before then must not be an unhandled
  // rejection that ends the bench without cleaning up its fleets.
  result.catch(() => {})
  return {
    process: child,
    ready,
    result,
    send: (line) => child.child.stdin?.write(`${line}\n`),
    said,
  }
}

/** Starts every child, waits until all are READY, and sends them one common start time. */
export async function startTogether<R>(
  children: ClientProcess<R>[],
  leadMs = 1_000,
): Promise<number> {
  await Promise.all(children.map((child) => child.ready))
  const startAt = nowMicros() + leadMs * 1000
  for (const child of children) child.send(`GO ${startAt}`)
  return startAt
}

/** Child side: the arguments the parent passed (a JSON file named by the first argument). */
export function childArgs<T>(): T & { out: string } {
  return JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as T & { out: string }
}

export function signalReady(): void {
  process.stdout.write('READY\n')
}

const stdinLines: string[] = []
const stdinWaiters: ((line: string) => void)[] = []
let stdinOpen = false

/** Child side: the next line the parent sends on stdin. */
export function nextLine(): Promise<string> {
  if (!stdinOpen) {
    stdinOpen = true
    createInterface({ input: process.stdin })
      .on('line', (line) => {
        const waiter = stdinWaiters.shift()
        if (waiter) waiter(line)
        else stdinLines.push(line)
      })
      // The parent is gone (even killed with SIGKILL): nobody will send STOP, so stop now.
      .on('close', () => process.exit(1))
  }
  const queued = stdinLines.shift()
  if (queued !== undefined) return Promise.resolve(queued)
  return new Promise((resolve) => stdinWaiters.push(resolve))
}

/** Child side: READY, then the start time of a `GO <micros>` line. */
export async function readyThenGo(): Promise<number> {
  signalReady()
  for (;;) {
    const line = await nextLine()
    if (line.startsWith('GO ')) return Number(line.slice(3))
  }
}

/** Child side: writes the result for the parent and exits. */
export function finish(args: { out: string }, result: unknown): never {
  writeFileSync(args.out, JSON.stringify(result))
  process.exit(0)
}

/**
 * Connects one client per entry of `documents` (names may repeat), `batch` at a time, each
 * batch synced before the next, so that 10k connections do not arrive in one burst.
 */
export async function connectMany(
  protocol: Protocol,
  urls: string[],
  documents: string[],
  options: BenchClientOptions & { batch?: number; timeoutMs?: number } = {},
): Promise<BenchClient[]> {
  const clients: BenchClient[] = []
  const batch = options.batch ?? 100
  for (let i = 0; i < documents.length; i += batch) {
    const next = documents
      .slice(i, i + batch)
      .map((name) => connectBenchClient(protocol, urls, name, options))
    clients.push(...next)
    await Promise.all(next.map((client) => whenSynced(client, options.timeoutMs ?? 120_000)))
  }
  return clients
}
