// `npm test`: every suite, one summary line. Node's test runner runs the unit, integration and
// chart suites; Playwright runs the browser suites against the multi-node harness. One after the
// other by default; WEFT_TEST_STAGES=parallel runs the two side by side, which paid while the
// browser suites were short and no longer does (docs/decisions/0045-test-stages-side-by-side.md).
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { K8S_BIN } from './cluster/paths.ts'

// Two test files at a time: most of the node suites' time is spent waiting on real things
// happening (a 30 s outage, a restart, a journal replayed), so a second file uses the core the
// first leaves idle (docs/decisions/0046-two-node-test-files-at-once.md). WEFT_NODE_TEST_CONCURRENCY
// sets another number (1: one file after the other, for reading a failure in order).
const nodeConcurrency = process.env.WEFT_NODE_TEST_CONCURRENCY ?? '2'
if (!/^[1-9]\d*$/.test(nodeConcurrency)) {
  console.error(
    `WEFT_NODE_TEST_CONCURRENCY must be a whole number of at least 1, not "${nodeConcurrency}"`,
  )
  process.exit(2)
}
const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
const work = mkdtempSync(join(tmpdir(), 'weft-test-'))
let passed = 0
let failed = 0

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    .status
}

/** Runs a command to its end; its output goes to stdout, or to `logFile` when given. */
function runAsync(
  command: string,
  args: string[],
  env: Record<string, string> = {},
  logFile?: string,
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: logFile ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, ...env },
    })
    if (logFile) {
      const log = createWriteStream(logFile)
      child.stdout?.pipe(log, { end: false })
      child.stderr?.pipe(log, { end: false })
      child.on('close', (status) => log.end(() => resolve(status)))
    } else {
      child.on('close', (status) => resolve(status))
    }
    child.on('error', () => resolve(null))
  })
}

// 1. Node test runner: unit tests beside the code, integration suites, chart tests.
const nodeGlobs = [
  'packages/*/src/**/*.test.ts',
  'packages/*/test/**/*.test.ts',
  'apps/*/src/**/*.test.ts',
  'apps/*/test/**/*.test.ts',
  'charts/*/tests/**/*.test.ts',
  // The scripts' own tests; scripts/cluster/tests need a cluster and run in stage 3.
  'scripts/*.test.ts',
  'scripts/cluster/*.test.ts',
  'scripts/lint/**/*.test.ts',
  // The bench's arithmetic (no fleet: its scenarios run only by hand).
  'bench/src/**/*.test.ts',
]
async function nodeSuites(): Promise<{ passed: number; failed: number }> {
  const tap = join(work, 'node.tap')
  await runAsync(process.execPath, [
    '--test',
    `--test-concurrency=${nodeConcurrency}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...nodeGlobs,
  ])
  const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : ''
  const count = (label: string) =>
    Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tapText)?.[1] ?? 0)
  if (!tapText) return { passed: 0, failed: 1 }
  return { passed: count('pass'), failed: count('fail') + count('cancelled') }
}

// 2. Playwright suites (browser apps across nodes), when present. Beside the node suites their
// output goes to a log printed when both are done, so neither stage's lines are cut into.
const playwrightConfig = join(root, 'e2e', 'playwright.config.ts')
async function browserSuites(logFile?: string): Promise<{ passed: number; failed: number }> {
  if (!existsSync(playwrightConfig) || process.env.SKIP_E2E === '1') return { passed: 0, failed: 0 }
  const failedHere = webBuildFailed ? 1 : 0
  const report = join(work, 'playwright.json')
  await runAsync(
    process.execPath,
    [
      join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '-c',
      playwrightConfig,
      '--reporter=list,json',
    ],
    { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    logFile,
  )
  if (!existsSync(report)) return { passed: 0, failed: failedHere + 1 }
  const stats = JSON.parse(readFileSync(report, 'utf8')).stats as {
    expected: number
    unexpected: number
    flaky: number
  }
  flakyBrowserTests = stats.flaky
  return { passed: stats.expected + stats.flaky, failed: failedHere + stats.unexpected }
}
let flakyBrowserTests = 0

// The web apps are built first, on their own: some node suites serve apps/*/dist through a
// node, and a build empties those folders while it runs.
const webBuildFailed =
  existsSync(playwrightConfig) &&
  process.env.SKIP_E2E !== '1' &&
  run(process.execPath, [
    join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
    'run',
    'build',
    '--output-logs=errors-only',
  ]) !== 0

const serial = process.env.WEFT_TEST_STAGES !== 'parallel'
const browserLog = serial ? undefined : join(work, 'browser-suites.log')
const stages = serial
  ? [await nodeSuites(), await browserSuites()]
  : await Promise.all([nodeSuites(), browserSuites(browserLog)])
if (browserLog && existsSync(browserLog)) {
  console.log('\n--- browser suites (Playwright; they ran beside the node suites) ---')
  process.stdout.write(readFileSync(browserLog))
}
for (const stage of stages) {
  passed += stage.passed
  failed += stage.failed
}
if (flakyBrowserTests > 0) {
  console.log(
    `flaky: ${flakyBrowserTests} browser test(s) failed once and passed on retry (listed above as flaky)`,
  )
}

// 3. Cluster suites: the chart on a local Kubernetes cluster (scripts/cluster, `npm run
// test:cluster`). They run where the cluster's binaries are built, or are being built (.ci/run
// starts the build in the background; the suite waits for it), or with WEFT_CLUSTER_TESTS=1
// (which builds them, 25-50 min the first time); WEFT_CLUSTER_TESTS=0 skips. It runs tier 2 (the
// chart's pods, the drills, the browser suites across the pods) when what tier 2 needs is cached
// here, tier 1 otherwise, and prints which and why (scripts/cluster/tier.ts; WEFT_CLUSTER_TIER
// forces one).
const clusterTests =
  process.env.WEFT_CLUSTER_TESTS ??
  (existsSync(join(K8S_BIN, 'kube-apiserver')) || kubernetesBuildRunning() ? '1' : '0')
if (clusterTests === '1') {
  const report = join(work, 'cluster.json')
  run(process.execPath, [join(root, 'scripts', 'cluster', 'test-cluster.ts')], {
    WEFT_CLUSTER_REPORT: report,
  })
  if (existsSync(report)) {
    const counts = JSON.parse(readFileSync(report, 'utf8')) as { passed: number; failed: number }
    passed += counts.passed
    failed += counts.failed
  } else {
    failed += 1
  }
} else {
  console.log(
    `cluster suites skipped: no Kubernetes binaries in ${K8S_BIN} (see docs/deploy-kubernetes.md)`,
  )
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)

/** True while build-k8s.sh holds its lock (the build in progress that the cluster suite waits for). */
function kubernetesBuildRunning(): boolean {
  const lock = join(K8S_BIN, '..', '.lock')
  if (!existsSync(lock)) return false
  return spawnSync('flock', ['-n', lock, 'true']).status === 1
}
