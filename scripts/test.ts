// `npm test`: every suite, one summary line. Node's test runner runs the unit, integration and
// chart suites; Playwright runs the browser suites against the multi-node harness.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { K8S_BIN } from './cluster/paths.ts'

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
const work = mkdtempSync(join(tmpdir(), 'weft-test-'))
let passed = 0
let failed = 0

function run(command: string, args: string[], env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    .status
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
]
const tap = join(work, 'node.tap')
run(process.execPath, [
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...nodeGlobs,
])
const tapText = existsSync(tap) ? readFileSync(tap, 'utf8') : ''
const count = (label: string) =>
  Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tapText)?.[1] ?? 0)
passed += count('pass')
failed += count('fail') + count('cancelled')
if (!tapText) failed += 1

// 2. Playwright suites (browser apps across nodes), when present.
const playwrightConfig = join(root, 'e2e', 'playwright.config.ts')
if (existsSync(playwrightConfig) && process.env.SKIP_E2E !== '1') {
  const build = run(process.execPath, [
    join(root, 'node_modules', 'turbo', 'bin', 'turbo'),
    'run',
    'build',
    '--output-logs=errors-only',
  ])
  if (build !== 0) failed += 1
  const report = join(work, 'playwright.json')
  run(
    process.execPath,
    [
      join(root, 'node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '-c',
      playwrightConfig,
      '--reporter=list,json',
    ],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    },
  )
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats as {
      expected: number
      unexpected: number
      flaky: number
    }
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    if (stats.flaky > 0) {
      console.log(
        `flaky: ${stats.flaky} browser test(s) failed once and passed on retry (listed above as flaky)`,
      )
    }
  } else {
    failed += 1
  }
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
