import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  find,
  get,
  type K8sObject,
  mainContainer,
  podSpec,
  renderScenario,
  scenarios,
} from './chart.ts'
import { validateObject } from './kubeSchemas.ts'

const workloads = (objects: K8sObject[]) =>
  objects.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind))

describe('every scenario in ci/ renders objects the Kubernetes API accepts', () => {
  for (const [name] of scenarios) {
    test(name, async () => {
      const objects = renderScenario(name)
      assert.ok(objects.length > 5, 'renders the release')
      const problems: string[] = []
      for (const object of objects) {
        const error = await validateObject(object)
        if (error) problems.push(`${object.kind}/${object.metadata.name}: ${error}`)
      }
      assert.deepEqual(problems, [])
    })
  }

  test('the validator can fail: a wrongly typed field is rejected', async () => {
    const deployment = structuredClone(get(renderScenario('minimal'), 'Deployment', 'server'))
    deployment.spec.replicas = 'two'
    assert.match((await validateObject(deployment)) ?? '', /replicas/)
    assert.match((await validateObject({ ...deployment, kind: 'Deplyment' })) ?? '', /no schema/)
  })
})

describe('pods', () => {
  for (const [name] of scenarios) {
    test(`${name}: restricted security context on every pod and container`, () => {
      for (const workload of workloads(renderScenario(name))) {
        const spec = podSpec(workload)
        const where = `${workload.kind}/${workload.metadata.name}`
        assert.equal(spec.securityContext.runAsNonRoot, true, where)
        assert.equal(spec.securityContext.seccompProfile.type, 'RuntimeDefault', where)
        assert.equal(spec.automountServiceAccountToken, false, where)
        for (const container of spec.containers) {
          const sc = container.securityContext
          assert.equal(sc.readOnlyRootFilesystem, true, where)
          assert.equal(sc.allowPrivilegeEscalation, false, where)
          assert.deepEqual(sc.capabilities.drop, ['ALL'], where)
          assert.ok(
            container.volumeMounts.some((m: { mountPath: string }) => m.mountPath === '/tmp'),
            `${where}: writable /tmp`,
          )
        }
      }
    })
  }

  for (const component of ['server', 'presence']) {
    test(`${component}: probes hit /healthz and /readyz on the management port the process listens on`, () => {
      const container = mainContainer(get(renderScenario('minimal'), 'Deployment', component))
      const portOf = (name: string) =>
        container.ports.find((p: { name: string }) => p.name === name).containerPort
      const envOf = (name: string) =>
        container.env.find((e: { name: string }) => e.name === name).value
      assert.equal(envOf('PORT'), String(portOf('http')))
      assert.equal(envOf('MANAGEMENT_PORT'), String(portOf('management')))
      assert.deepEqual(container.livenessProbe.httpGet, { path: '/healthz', port: 'management' })
      assert.deepEqual(container.startupProbe.httpGet, { path: '/healthz', port: 'management' })
      assert.deepEqual(container.readinessProbe.httpGet, { path: '/readyz', port: 'management' })
    })
  }

  test('server: zero-downtime rollout, graceful shutdown longer than preStop + flush, spread', () => {
    const deployment = get(renderScenario('minimal'), 'Deployment', 'server')
    assert.deepEqual(deployment.spec.strategy, {
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    })
    const spec = podSpec(deployment)
    const preStop = mainContainer(deployment).lifecycle.preStop.exec.command
    assert.equal(preStop[0], 'sleep')
    assert.ok(
      spec.terminationGracePeriodSeconds > Number(preStop[1]) + 10,
      'grace > preStop + ~10 s flush',
    )
    const keys = spec.topologySpreadConstraints.map((c: { topologyKey: string }) => c.topologyKey)
    assert.deepEqual(keys, ['topology.kubernetes.io/zone', 'kubernetes.io/hostname'])
    assert.match(deployment.spec.template.metadata.annotations['checksum/secret'], /^[a-f0-9]{64}$/)
  })

  test('the checksum annotation changes when a credential changes (pods roll)', () => {
    const checksum = (url: string) =>
      get(renderScenario('minimal', { database: { url } }), 'Deployment', 'server').spec.template
        .metadata.annotations['checksum/secret']
    assert.notEqual(checksum('postgresql://a/weft'), checksum('postgresql://b/weft'))
  })

  test('server nodes forward /api/presence to the presence Service, and only when it is deployed', () => {
    const envOf = (objects: ReturnType<typeof renderScenario>) =>
      mainContainer(get(objects, 'Deployment', 'server')).env as { name: string; value?: string }[]
    const objects = renderScenario('minimal')
    const service = get(objects, 'Service', 'presence')
    const url = envOf(objects).find((e) => e.name === 'PRESENCE_URL')?.value
    assert.equal(url, `http://${service.metadata.name}:${service.spec.ports[0].port}`)
    const without = renderScenario('minimal', { presence: { enabled: false } })
    assert.equal(
      envOf(without).find((e) => e.name === 'PRESENCE_URL'),
      undefined,
    )
  })

  test('server: commands are the repo-root commands the harness runs', () => {
    const objects = renderScenario('minimal')
    assert.deepEqual(mainContainer(get(objects, 'Deployment', 'server')).command, [
      'node',
      'apps/server/src/main.ts',
    ])
    assert.deepEqual(mainContainer(get(objects, 'Deployment', 'presence')).command, [
      'node',
      'apps/presence/src/main.ts',
    ])
    assert.deepEqual(mainContainer(get(objects, 'Job', 'migrate')).command, [
      'node',
      'packages/db/src/cli/migrate.ts',
    ])
  })

  test('NODE_ID comes from the pod name', () => {
    const env = mainContainer(get(renderScenario('minimal'), 'Deployment', 'server')).env
    assert.deepEqual(env.find((e: { name: string }) => e.name === 'NODE_ID').valueFrom, {
      fieldRef: { fieldPath: 'metadata.name' },
    })
  })
})

describe('secrets', () => {
  test('existingSecret: no Secret is rendered and every credential is a reference with the given key', () => {
    const objects = renderScenario('existing-secrets')
    assert.equal(find(objects, 'Secret'), undefined)
    const text = JSON.stringify(objects)
    assert.doesNotMatch(text, /postgresql:\/\/|redis:\/\//)
    for (const workload of workloads(objects)) {
      const env = mainContainer(workload).env as {
        name: string
        value?: string
        valueFrom?: unknown
      }[]
      for (const variable of env.filter((e) =>
        ['DATABASE_URL', 'REDIS_URL', 'AUTH_SECRET'].includes(e.name),
      )) {
        assert.equal(
          variable.value,
          undefined,
          `${workload.metadata.name} ${variable.name} inlined`,
        )
      }
    }
    const env = mainContainer(get(objects, 'Deployment', 'server')).env
    const ref = (name: string) =>
      env.find((e: { name: string }) => e.name === name).valueFrom.secretKeyRef
    assert.deepEqual(ref('DATABASE_URL'), { name: 'weft-postgres', key: 'uri' })
    assert.deepEqual(ref('REDIS_URL'), { name: 'weft-redis', key: 'uri' })
    assert.deepEqual(ref('AUTH_SECRET'), { name: 'weft-auth', key: 'jwt-hs256' })
  })

  test('inline values go to the chart Secret, never into a pod spec', () => {
    const objects = renderScenario('minimal')
    assert.ok(get(objects, 'Secret').data['database-url'])
    for (const workload of workloads(objects)) {
      assert.doesNotMatch(
        JSON.stringify(workload),
        /ci-auth-secret|postgresql:\/\//,
        workload.metadata.name,
      )
    }
  })
})

describe('availability', () => {
  test('PodDisruptionBudgets on by default, selecting their component', () => {
    const objects = renderScenario('minimal')
    for (const component of ['server', 'presence']) {
      const pdb = get(objects, 'PodDisruptionBudget', component)
      assert.equal(pdb.spec.maxUnavailable, 1)
      assert.deepEqual(
        pdb.spec.selector.matchLabels,
        get(objects, 'Deployment', component).spec.selector.matchLabels,
      )
    }
  })

  test('HPA: Deployment leaves replicas to it, scale-down is slow', () => {
    const objects = renderScenario('production')
    assert.equal(get(objects, 'Deployment', 'server').spec.replicas, undefined)
    const hpa = get(objects, 'HorizontalPodAutoscaler', 'server')
    assert.equal(hpa.spec.scaleTargetRef.name, get(objects, 'Deployment', 'server').metadata.name)
    assert.ok(hpa.spec.behavior.scaleDown.stabilizationWindowSeconds >= 300)
    assert.deepEqual(
      hpa.spec.metrics.map((m: { resource: { name: string } }) => m.resource.name),
      ['cpu', 'memory'],
    )
  })
})

describe('migrations', () => {
  test('job mode: a plain Job named after its pod template, no helm hook (no --wait deadlock)', () => {
    const job = get(renderScenario('minimal'), 'Job', 'migrate')
    assert.equal(job.metadata.annotations?.['helm.sh/hook'], undefined)
    assert.match(job.metadata.name, /-migrate-[0-9a-f]{10}$/)
    assert.equal(podSpec(job).restartPolicy, 'Never')
    assert.ok(job.spec.backoffLimit > 0)
  })

  test('hook mode: pre-install/pre-upgrade hook with existing Secrets only', () => {
    const job = get(renderScenario('hook-migrations'), 'Job', 'migrate')
    assert.equal(job.metadata.annotations['helm.sh/hook'], 'pre-install,pre-upgrade')
    assert.match(job.metadata.annotations['helm.sh/hook-delete-policy'], /before-hook-creation/)
    assert.equal(
      podSpec(job).serviceAccountName,
      undefined,
      'a chart-made ServiceAccount does not exist yet',
    )
  })
})

describe('traffic and monitoring', () => {
  test('Ingress and HTTPRoute send everything to the server Service port', () => {
    const production = renderScenario('production')
    const service = get(production, 'Service', 'server')
    const backend = get(production, 'Ingress').spec.rules[0].http.paths[0].backend.service
    assert.deepEqual(backend, { name: service.metadata.name, port: { name: 'http' } })
    const gateway = renderScenario('gateway')
    const ref = get(gateway, 'HTTPRoute').spec.rules[0].backendRefs[0]
    assert.deepEqual(ref, { name: get(gateway, 'Service', 'server').metadata.name, port: 80 })
    assert.equal(get(gateway, 'HTTPRoute').spec.rules[0].timeouts.request, '0s')
    assert.equal(get(gateway, 'Service', 'server').spec.sessionAffinity, 'None')
  })

  test('ServiceMonitors scrape /metrics on the management port; PrometheusRule alerts on the contract metrics', () => {
    const objects = renderScenario('production')
    const monitors = objects.filter((o) => o.kind === 'ServiceMonitor')
    assert.equal(monitors.length, 2)
    for (const monitor of monitors)
      assert.deepEqual(
        [monitor.spec.endpoints[0].port, monitor.spec.endpoints[0].path],
        ['management', '/metrics'],
      )
    const rules = get(objects, 'PrometheusRule').spec.groups[0].rules as {
      alert: string
      expr: string
    }[]
    const exprs = rules.map((r) => r.expr).join('\n')
    for (const metric of [
      'weft_ready',
      'weft_persistence_lag_seconds',
      'weft_redis_up',
      'weft_database_up',
      'weft_unsaved_limit_reached',
      'weft_journal_append_failures_total',
      'weft_unintegrable_loads_total',
    ]) {
      assert.match(exprs, new RegExp(metric))
    }
    assert.ok(
      rules.every((r) => /job=/.test(r.expr)),
      'every alert is scoped to this release',
    )
  })

  test('strict NetworkPolicy: only named peers, egress limited to DNS, Postgres, Redis and the release', () => {
    const policy = get(renderScenario('production'), 'NetworkPolicy', 'server')
    const from = policy.spec.ingress[0].from
    assert.ok(
      from.some(
        (peer: { namespaceSelector?: { matchLabels: Record<string, string> } }) =>
          peer.namespaceSelector?.matchLabels['kubernetes.io/metadata.name'] === 'ingress-nginx',
      ),
    )
    const ports = policy.spec.egress
      .flatMap((rule: { ports?: { port: number }[] }) => rule.ports ?? [])
      .map((p: { port: number }) => p.port)
    // DNS, Postgres, Redis, and the presence pods' http port.
    assert.deepEqual(ports.sort(), [53, 53, 5432, 6379, 8080].sort())
    assert.ok(
      !policy.spec.egress.some((rule: object) => Object.keys(rule).length === 0),
      'no allow-all egress',
    )
  })

  test('helm test: two providers through the server Service, token key from the auth Secret', () => {
    const objects = renderScenario('existing-secrets')
    const pod = get(objects, 'Pod', 'test')
    assert.equal(pod.metadata.annotations['helm.sh/hook'], 'test')
    const env = mainContainer(pod).env
    const url = env.find((e: { name: string }) => e.name === 'WEFT_URL').value
    assert.equal(url, `ws://${get(objects, 'Service', 'server').metadata.name}:80/collab`)
    assert.deepEqual(
      env.find((e: { name: string }) => e.name === 'AUTH_SECRET').valueFrom.secretKeyRef,
      {
        name: 'weft-auth',
        key: 'jwt-hs256',
      },
    )
    const script = get(objects, 'ConfigMap', 'test').data['collab-smoke.mjs'] as string
    assert.match(script, /HocuspocusProvider/)
    assert.equal((script.match(/connect\('helm-test-/g) ?? []).length, 2)
  })
})
