/**
 * `npm run bench -- [scenario...] [--repeat N] [--cpu-prof] [--set key=value...]`: runs
 * benchmarks.md scenarios with our fleet and the references side by side in one run. Scenarios:
 * propagation (1), trace (2), hot-doc (3), density (4), idle-docs (5), cold-load (6),
 * durability (7), reconnect-storm (8), grid-bursts (9), scaling (10, `--set nodes=1,2,4,8`);
 * none named = all, in that order.
 */
import { parseArgs } from 'node:util'
import type { BenchOptions } from './options.ts'
import { runColdLoad } from './scenarios/coldLoad.ts'
import { runDensity } from './scenarios/density.ts'
import { runDurability } from './scenarios/durability.ts'
import { runGridBursts } from './scenarios/gridBursts.ts'
import { runHotDoc } from './scenarios/hotDoc.ts'
import { runIdleDocs } from './scenarios/idleDocs.ts'
import { runPropagation } from './scenarios/propagation.ts'
import { runReconnectStorm } from './scenarios/reconnectStorm.ts'
import { runScaling } from './scenarios/scaling.ts'
import { runTrace } from './scenarios/trace.ts'

// Destroying a client whose socket is reconnecting to a saturated node makes ws emit this on a
// socket nobody holds any more; it ends one client of a finished part, not the benchmark.
process.on('uncaughtException', (error) => {
  if (error.message === 'WebSocket was closed before the connection was established') return
  throw error
})

const SCENARIOS: Record<string, (options: BenchOptions) => Promise<void>> = {
  propagation: runPropagation,
  trace: runTrace,
  'hot-doc': runHotDoc,
  density: runDensity,
  'idle-docs': runIdleDocs,
  'cold-load': runColdLoad,
  durability: runDurability,
  'reconnect-storm': runReconnectStorm,
  'grid-bursts': runGridBursts,
  scaling: runScaling,
}
const ALIASES: Record<string, string> = {
  '1': 'propagation',
  '2': 'trace',
  '3': 'hot-doc',
  '4': 'density',
  '5': 'idle-docs',
  '6': 'cold-load',
  '7': 'durability',
  '8': 'reconnect-storm',
  '9': 'grid-bursts',
  '10': 'scaling',
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repeat: { type: 'string', default: '1' },
    'cpu-prof': { type: 'boolean', default: false },
    set: { type: 'string', multiple: true, default: [] },
  },
})
const names =
  positionals.length > 0 ? positionals.map((name) => ALIASES[name] ?? name) : Object.keys(SCENARIOS)
const options: BenchOptions = {
  repeat: Math.max(1, Math.min(10, Number(values.repeat) || 1)),
  cpuProf: values['cpu-prof'] ?? false,
  settings: Object.fromEntries(
    (values.set ?? []).map((pair) => pair.split('=') as [string, string]),
  ),
}
for (const name of names) {
  const run = SCENARIOS[name]
  if (!run) {
    process.stderr.write(`unknown scenario ${name}; known: ${Object.keys(SCENARIOS).join(', ')}\n`)
    process.exit(2)
  }
  await run(options)
}
process.exit(0)
