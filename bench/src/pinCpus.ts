/**
 * CPU pinning for a run that stands in for separate machines on this one: `taskset` moves a
 * process and every thread it already has (V8's GC helpers, libuv's pool) to the given CPUs;
 * threads and children it starts later inherit them. Linux only (util-linux's taskset).
 */
import { execFileSync } from 'node:child_process'

/** Pins process `pid` (all its threads) to `cpus`, a taskset list such as `0` or `0-1`. */
export function pinCpus(pid: number, cpus: string): void {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(cpus)) throw new Error(`not a CPU list: ${cpus}`)
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' })
}
