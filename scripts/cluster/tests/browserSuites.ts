// The Playwright suites (e2e/) against the chart's running pods: e2e/fixtures/clusterFleet.ts
// reads WEFT_E2E_CLUSTER (the Service and the server pods' addresses) instead of starting local
// processes. Playwright's JSON report goes to WEFT_CLUSTER_E2E_REPORT when test-cluster.ts sets
// it, so the cluster stage's `N passed, N failed` counts each browser test.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const repo = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..')

/** Each app's two-user collaboration spec, the two users on two different pods. */
export const ACROSS_PODS_SPECS = [
  'tests/grid/collaboration.spec.ts',
  'tests/code/collaboration.spec.ts',
  'tests/canvas/collaboration.spec.ts',
]
/**
 * Of those specs, each app's whole two-user story (one test each, all titled so). The specs'
 * other tests (concurrent moves, undo, offline renames) took 7 more minutes at load average 20 and
 * run on the local fleet in `npm test`'s browser stage; the CI budget (decision 0044) keeps them
 * there.
 */
export const ACROSS_PODS_GREP = 'two users on two nodes'

export interface BrowserRun {
  code: number | null
  report: string
  stats?: { expected: number; unexpected: number; flaky: number; skipped: number }
}

export interface ClusterTarget {
  service: string
  nodes: { nodeId: string; url: string }[]
}

/** A backstop only: the three stories took about 4 minutes at load average 20. */
const RUN_TIMEOUT_MS = 1_200_000

export function runBrowserSuites(target: ClusterTarget, specs = ACROSS_PODS_SPECS) {
  const report =
    process.env.WEFT_CLUSTER_E2E_REPORT ??
    join(mkdtempSync(join(tmpdir(), 'weft-cluster-e2e-')), 'playwright.json')
  return new Promise<BrowserRun>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        join(repo, 'node_modules', '@playwright', 'test', 'cli.js'),
        'test',
        '-c',
        join(repo, 'e2e', 'playwright.config.ts'),
        '--reporter=list,json',
        `--grep=${ACROSS_PODS_GREP}`,
        ...specs,
      ],
      {
        cwd: repo,
        // Playwright's list reporter lines show in the cluster stage's output, test by test.
        stdio: ['ignore', 'inherit', 'inherit'],
        env: {
          ...process.env,
          WEFT_E2E_CLUSTER: JSON.stringify(target),
          PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        },
      },
    )
    const timer = setTimeout(() => child.kill('SIGTERM'), RUN_TIMEOUT_MS)
    child.on('exit', (code) => {
      clearTimeout(timer)
      const stats = existsSync(report)
        ? (JSON.parse(readFileSync(report, 'utf8')).stats as BrowserRun['stats'])
        : undefined
      resolve({ code, report, stats })
    })
  })
}
