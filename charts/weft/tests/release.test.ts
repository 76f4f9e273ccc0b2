// The release path: .github/workflows/release.yml is valid for GitHub Actions (actionlint, as
// installed by scripts/ci/install-actionlint.sh) and pushes the image the chart points at.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { parse } from 'yaml'
import { CHART_DIR } from './chart.ts'

const ROOT = join(CHART_DIR, '..', '..')
const WORKFLOW = join(ROOT, '.github', 'workflows', 'release.yml')

function actionlint(args: string[]) {
  const bin = process.env.ACTIONLINT_BIN || 'actionlint'
  const result = spawnSync(bin, ['-no-color', ...args], { cwd: ROOT, encoding: 'utf8' })
  if (result.error)
    throw new Error(
      `cannot run ${bin} (${result.error.message}); install it with scripts/ci/install-actionlint.sh or set ACTIONLINT_BIN`,
    )
  return { status: result.status, output: result.stdout + result.stderr }
}

describe('release workflow', () => {
  test('actionlint accepts every workflow', () => {
    const result = actionlint([])
    assert.equal(result.status, 0, result.output)
  })

  test('actionlint can fail: a broken workflow is reported', () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-actionlint-'))
    try {
      const broken = join(dir, 'broken.yml')
      const text = readFileSync(WORKFLOW, 'utf8').replace('runs-on: ubuntu-24.04', 'runs-on: [')
      writeFileSync(broken, text.replace('needs: version', 'needs: versoin'))
      const result = actionlint([broken])
      assert.notEqual(result.status, 0)
      assert.match(result.output, /versoin|could not parse|unexpected/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('on a version tag it pushes a multi-arch image where the chart points, and the chart to OCI', () => {
    const workflow = parse(readFileSync(WORKFLOW, 'utf8'))
    assert.deepEqual(workflow.on.push.tags, ['v*.*.*'])
    const values = parse(readFileSync(join(CHART_DIR, 'values.yaml'), 'utf8'))
    assert.equal(workflow.env.IMAGE, `${values.image.registry}/${values.image.repository}`)
    const build = workflow.jobs.image.steps.find((step: { uses?: string }) =>
      step.uses?.startsWith('docker/build-push-action'),
    )
    assert.deepEqual(build.with.platforms.split(',').sort(), ['linux/amd64', 'linux/arm64'])
    assert.equal(build.with.push, true)
    assert.match(
      build.with.tags,
      /^\$\{\{ env\.IMAGE \}\}:\$\{\{ needs\.version\.outputs\.version \}\}$/,
    )
    const push = JSON.stringify(workflow.jobs.chart.steps)
    assert.match(push, /helm push .*\$CHART_REPOSITORY/)
    assert.match(workflow.env.CHART_REPOSITORY, /^oci:\/\//)
    // The chart's default tag is its appVersion; the workflow refuses a tag that differs from it.
    const chart = parse(readFileSync(join(CHART_DIR, 'Chart.yaml'), 'utf8'))
    assert.equal(values.image.tag, '')
    assert.equal(chart.appVersion, chart.version)
    assert.match(JSON.stringify(workflow.jobs.version.steps), /appVersion.*must agree/)
  })
})
