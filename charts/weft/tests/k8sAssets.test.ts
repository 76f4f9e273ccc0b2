import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { parseManifests } from '../../../packages/testkit/src/chartPods.ts'
import { CHART_DIR, templateChart } from './chart.ts'
import { validateObject } from './kubeSchemas.ts'

const K8S = join(CHART_DIR, '..', '..', 'k8s')

describe('k8s/ assets beside the chart', () => {
  for (const file of ['examples/production-values.yaml', 'dev/values-local.yaml']) {
    test(`${file} renders valid objects`, async () => {
      const objects = templateChart({ valuesFiles: [join(K8S, file)] })
      for (const object of objects)
        assert.equal(await validateObject(object), null, `${object.kind}/${object.metadata.name}`)
    })
  }

  for (const file of ['dev/postgres.yaml', 'dev/redis.yaml']) {
    test(`${file} is valid against the Kubernetes API schemas`, async () => {
      const objects = parseManifests(readFileSync(join(K8S, file), 'utf8'))
      assert.ok(objects.length >= 3)
      for (const object of objects)
        assert.equal(await validateObject(object), null, `${object.kind}/${object.metadata.name}`)
    })
  }

  test('the Grafana dashboard queries only metrics the nodes export', () => {
    const dashboard = JSON.parse(readFileSync(join(K8S, 'grafana', 'weft-dashboard.json'), 'utf8'))
    const exprs: string[] = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) =>
      panel.targets.map((t) => t.expr),
    )
    const contract = new Set([
      'weft_connections',
      'weft_documents_loaded',
      'weft_updates_received_total',
      'weft_updates_broadcast_total',
      'weft_updates_persisted_total',
      'weft_persistence_lag_seconds',
      'weft_persistence_queue_updates',
      'weft_redis_up',
      'weft_database_up',
      'weft_ready',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'process_cpu_seconds_total',
    ])
    const used = new Set(
      exprs.flatMap((expr) => expr.match(/\b(weft|nodejs|process)_[a-z0-9_]+/g) ?? []),
    )
    assert.deepEqual(
      [...used].filter((metric) => !contract.has(metric)),
      [],
    )
    for (const metric of [
      'weft_persistence_lag_seconds',
      'weft_connections',
      'weft_redis_up',
      'weft_database_up',
    ]) {
      assert.ok(used.has(metric), `${metric} on the dashboard`)
    }
  })
})
