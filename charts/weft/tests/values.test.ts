import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { CHART_DIR, helmTemplate, runHelm, scenarios } from './chart.ts'

const minimal = scenarios.find(([name]) => name === 'minimal')?.[1] as string

describe('helm lint', () => {
  for (const [name, file] of scenarios) {
    test(`${name} lints clean`, () => {
      const result = runHelm(['lint', CHART_DIR, '--strict', '--values', file])
      assert.equal(result.status, 0, result.stdout + result.stderr)
    })
  }

  test('lint fails on a misspelt key (values.schema.json is strict)', () => {
    const result = runHelm([
      'lint',
      CHART_DIR,
      '--values',
      minimal,
      '--set',
      'server.replicaCout=3',
    ])
    assert.notEqual(result.status, 0)
    assert.match(result.stdout + result.stderr, /replicaCout/)
  })

  test('lint fails on a wrongly typed or out-of-range value', () => {
    for (const bad of [
      'server.containerPort=http',
      'migrations.mode=sometimes',
      'database.url=mysql://x',
      'image.pullPolicy=Sometimes',
    ]) {
      const result = runHelm(['lint', CHART_DIR, '--values', minimal, '--set', bad])
      assert.notEqual(result.status, 0, `${bad} was accepted`)
    }
  })
})

describe('values.schema.json', () => {
  const schema = JSON.parse(readFileSync(join(CHART_DIR, 'values.schema.json'), 'utf8'))

  test('every object schema states additionalProperties (false, a schema, or an explicit Kubernetes pass-through)', () => {
    const open: string[] = []
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return
      const record = node as Record<string, unknown>
      if (record.type === 'object' && !('additionalProperties' in record)) open.push(path)
      if (
        record.additionalProperties === true &&
        !/Kubernetes API schema/.test(String(record.description))
      ) {
        open.push(`${path} (open without a reason)`)
      }
      for (const [key, child] of Object.entries(record)) walk(child, `${path}/${key}`)
    }
    walk(schema, '#')
    assert.deepEqual(open, [])
  })

  test('every key of values.yaml is described by the schema, and the defaults validate', () => {
    const result = helmTemplate({ valuesFiles: [minimal] })
    assert.equal(result.status, 0, result.stderr)
  })

  test('a misspelt nested key is refused by helm template too', () => {
    const result = helmTemplate({
      valuesFiles: [minimal],
      values: { metrics: { serviceMonitor: { enable: true } } },
    })
    assert.notEqual(result.status, 0)
    assert.match(result.stderr, /additional properties 'enable' not allowed/)
  })
})

describe('cross-value checks (templates/_validate.tpl)', () => {
  const refused = (values: Record<string, unknown>, message: RegExp) => {
    const result = helmTemplate({ values })
    assert.notEqual(result.status, 0)
    assert.match(result.stderr, message)
  }

  test('no database → refused', () =>
    refused(
      { auth: { secret: 'x' }, server: { replicaCount: 1 } },
      /database\.url or database\.existingSecret/,
    ))

  test('production without AUTH_SECRET → refused', () =>
    refused(
      { database: { url: 'postgresql://x' }, server: { replicaCount: 1 } },
      /auth\.existingSecret/,
    ))

  test('no auth secret → refused even in development, unless allowOpenDevMode is set on purpose', () => {
    const open = {
      nodeEnv: 'development',
      database: { url: 'postgresql://x' },
      server: { replicaCount: 1 },
      presence: { enabled: false },
    }
    refused(open, /allowOpenDevMode=true/)
    const result = helmTemplate({ values: { ...open, allowOpenDevMode: true } })
    assert.equal(result.status, 0, result.stderr)
    // Open dev mode listens on loopback unless HOST is set: the pods set it.
    assert.match(result.stdout, /- name: HOST\s+value: "0\.0\.0\.0"/)
  })

  test('several nodes without Redis → refused', () =>
    refused({ auth: { secret: 'x' }, database: { url: 'postgresql://x' } }, /needs Redis/))

  test('grace period not longer than preStop + flush → refused', () =>
    refused(
      {
        auth: { secret: 'x' },
        database: { url: 'postgresql://x' },
        redis: { url: 'redis://x' },
        server: { shutdown: { terminationGracePeriodSeconds: 20 } },
      },
      /terminationGracePeriodSeconds \(20\) must exceed/,
    ))

  test('hook migrations with a chart-made Secret → refused (pre-install deadlock)', () =>
    refused(
      {
        auth: { secret: 'x' },
        database: { url: 'postgresql://x' },
        redis: { url: 'redis://x' },
        migrations: { mode: 'hook' },
      },
      /9047/,
    ))

  test('HTTPRoute without a Gateway → refused', () =>
    refused(
      {
        auth: { secret: 'x' },
        database: { url: 'postgresql://x' },
        redis: { url: 'redis://x' },
        httpRoute: { enabled: true },
      },
      /parentRefs/,
    ))
})

describe('README', () => {
  test('README.md is what helm-docs generates from values.yaml (run: helm-docs --chart-search-root charts --sort-values-order file)', () => {
    const bin = process.env.HELM_DOCS_BIN || 'helm-docs'
    const root = join(CHART_DIR, '..', '..')
    const result = spawnSync(
      bin,
      ['--chart-search-root', 'charts', '--sort-values-order', 'file', '--dry-run'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
    assert.ifError(result.error)
    assert.equal(result.status, 0, result.stderr)
    const committed = readFileSync(join(CHART_DIR, 'README.md'), 'utf8')
    assert.ok(
      result.stdout.trim() === committed.trim(),
      'charts/weft/README.md is stale: regenerate it with helm-docs',
    )
  })
})
