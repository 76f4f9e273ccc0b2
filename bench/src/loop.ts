import { startPostgres } from '@weft/testkit'
import { type BenchFleet, type FleetKind, SINGLE_NODE_KINDS, startBenchFleet } from './fleets.ts'

/**
 * The loop every scenario runs: one Postgres for the run, then each fleet of `--set fleets`
 * (default `defaults.fleets`) started, measured and destroyed in turn, the order reversed on odd
 * rounds of `--repeat`. `--set weftRedis=0` runs ours without Redis; `--set chartRuntime=0` runs
 * ours without the chart's NODE_OPTIONS and MALLOC_ARENA_MAX (Node's own sizing for this machine,
 * as before decision 0207); `--set compileCache=0` runs ours without the image's warm compile cache
 * (decision 0211); `--cpu-prof` profiles every
 * node into /tmp/weft-bench-prof/<run>/.
 */
export async function forEachFleet<R>(
  options: { repeat: number; cpuProf?: boolean; settings: Record<string, string> },
  defaults: { scenario: string; fleets: string; nodes: number; persistence: boolean },
  measure: (fleet: BenchFleet, runId: string) => Promise<R[]>,
): Promise<R[]> {
  const kinds = (options.settings.fleets ?? defaults.fleets).split(',') as FleetKind[]
  const postgres = await startPostgres()
  const results: R[] = []
  try {
    for (let round = 0; round < options.repeat; round++) {
      const order = round % 2 === 0 ? kinds : [...kinds].reverse()
      for (const kind of order) {
        // Unique across benches run at once (the pid: profile folders, database names), and short:
        // it names a Postgres database, at most 63 bytes.
        const runId = `${round}_${kind.replace(/-/g, '_')}_${Date.now().toString(36)}${process.pid.toString(36)}`
        process.stderr.write(
          `[bench ${new Date().toISOString().slice(11, 23)}] ${defaults.scenario}: ${kind} (round ${round + 1}/${options.repeat})\n`,
        )
        const fleet = await startBenchFleet({
          kind,
          nodes: SINGLE_NODE_KINDS.includes(kind) ? 1 : defaults.nodes,
          postgres,
          persistence: defaults.persistence,
          withoutRedis: options.settings.weftRedis === '0',
          withoutChartRuntime: options.settings.chartRuntime === '0',
          withoutCompileCache: options.settings.compileCache === '0',
          tag: `${defaults.scenario.replace(/\W/g, '_')}_${runId}`,
          ...(options.cpuProf ? { cpuProfDir: `/tmp/weft-bench-prof/${runId}` } : {}),
        })
        try {
          results.push(...(await measure(fleet, runId)))
        } finally {
          await fleet.destroy()
        }
      }
    }
  } finally {
    await postgres.destroy()
  }
  return results
}
