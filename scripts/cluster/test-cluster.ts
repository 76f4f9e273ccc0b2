// `npm run test:cluster`: the chart on the local cluster (scripts/cluster/tests). Brings the cluster
// up when it is not running (and down again afterwards, unless WEFT_CLUSTER_KEEP=1), runs the suites
// with Node's test runner, and prints `cluster tier: N` and `N passed, N failed`. The tier is
// WEFT_CLUSTER_TIER when set, else 2 when everything tier 2 needs is cached here and 1 otherwise
// (tier.ts; the choice and its reason are printed first). At tier 2 the browser suites' results
// (chart.test.ts runs Playwright across the chart's pods) are counted test by test. With
// WEFT_CLUSTER_REPORT=<file> it also writes the counts as JSON for scripts/test.ts.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isAlive, readState } from './processes.ts'
import { chooseTier, waitForTier2Prepare } from './tier.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const TIER2_ONLY = new Set(['node.test.ts', 'chart.test.ts'])
const cli = join(here, 'cluster.ts')

function cluster(command: string) {
  return spawnSync(process.execPath, [cli, command], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  })
}

let passed = 0
let failed = 0
const running = readState()?.processes.every(isAlive) === true
let startedHere = false
if (!running) {
  const choice = chooseTier()
  console.log(`cluster: tier ${choice.tier} chosen: ${choice.reason}`)
  process.env.WEFT_CLUSTER_TIER = String(choice.tier)
  if (choice.tier === 2) waitForTier2Prepare()
  const up = cluster('up')
  process.stdout.write(up.stdout)
  startedHere = true
  if (up.status !== 0) failed += 1
}
const state = readState()
const tier = state?.tier ?? 1

if (state && failed === 0) {
  const work = mkdtempSync(join(tmpdir(), 'weft-cluster-test-'))
  const tap = join(work, 'cluster.tap')
  const browserReport = join(work, 'playwright.json')
  const tests = join(here, 'tests')
  const files = readdirSync(tests)
    .filter((f) => f.endsWith('.test.ts'))
    // A kubelet (with kube-proxy and cluster DNS) is needed to run Pods: these run on tier 2 only.
    .filter((f) => tier === 2 || !TIER2_ONLY.has(f))
    .map((f) => join(tests, f))
  spawnSync(
    process.execPath,
    [
      '--test',
      '--test-concurrency=1',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files,
    ],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        KUBECONFIG: state.kubeconfig,
        WEFT_CLUSTER_TIER: String(tier),
        WEFT_CLUSTER_E2E_REPORT: browserReport,
      },
    },
  )
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : ''
  const count = (label: string) =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0)
  passed += count('pass')
  failed += count('fail') + count('cancelled')
  if (!text) failed += 1
  // Each browser test across the pods counts as one (chart.test.ts checks that they all ran).
  if (existsSync(browserReport)) {
    const stats = JSON.parse(readFileSync(browserReport, 'utf8')).stats as {
      expected: number
      unexpected: number
      flaky: number
    }
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    console.log(
      `browser suites across the chart's pods: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed${stats.flaky ? ` (${stats.flaky} flaky)` : ''}`,
    )
  }
}

if (startedHere && process.env.WEFT_CLUSTER_KEEP !== '1') {
  const down = cluster('down')
  if (down.status !== 0) failed += 1
}
console.log(`cluster tier: ${tier}`)
console.log(`${passed} passed, ${failed} failed`)
if (process.env.WEFT_CLUSTER_REPORT)
  writeFileSync(process.env.WEFT_CLUSTER_REPORT, JSON.stringify({ passed, failed, tier }))
process.exit(failed > 0 ? 1 : 0)
