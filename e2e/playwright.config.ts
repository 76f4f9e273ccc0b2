// Browser suites, one project per app, each test against a real multi-node fleet
// (fixtures/fleet.ts). Debian's Chromium: no browser download happens here or in CI.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // A backstop, not a speed check: each step waits for what the user would see (expect's bound).
  // A whole two-user story took over 90 s on two cores busy with other suites, and failed there.
  timeout: 240_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  // One retry in CI, and `npm test` prints every test that needed it (a `flaky:` line): a flake
  // must not hide behind a green run, nor turn a run red by chance. (The Code suite's old flake,
  // an empty project tree, was a missed first sync in useDocVersion; see docs/presence.md.)
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'grid', testDir: './tests/grid' },
    { name: 'canvas', testDir: './tests/canvas' },
    { name: 'code', testDir: './tests/code' },
  ],
})
