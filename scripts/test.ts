// `npm test`: every suite, one summary line. Node's test runner runs the unit, integration and
// chart suites; Playwright runs the browser suites against the multi-node harness.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

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
  'scripts/**/*.test.ts',
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

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
