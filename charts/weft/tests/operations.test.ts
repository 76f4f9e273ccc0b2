// What a platform team hits running the chart (issue 14): readiness and drains, one node
// without Redis, probes and metrics off the public port, a tight NetworkPolicy, GitOps-friendly
// migrations, the Postgres connection budget, and the smaller operational items.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { parseManifests } from '../../../packages/testkit/src/chartPods.ts'
import {
  CHART_DIR,
  find,
  get,
  helmTemplate,
  type K8sObject,
  mainContainer,
  podSpec,
  renderScenario,
  runHelm,
  scenarios,
} from './chart.ts'

const minimal = scenarios.find(([name]) => name === 'minimal')?.[1] as string
const refusal = (values: Record<string, unknown>) => {
  const result = helmTemplate({ valuesFiles: [minimal], values })
  assert.notEqual(result.status, 0, 'rendering was accepted')
  return result.stderr
}
const envOf = (object: K8sObject) =>
  Object.fromEntries(
    (mainContainer(object).env as { name: string; value?: string }[]).map((e) => [
      e.name,
      e.value ?? 'from a reference',
    ]),
  )
const podLabels = (object: K8sObject): Record<string, string> =>
  object.kind === 'Pod' ? object.metadata.labels : object.spec.template.metadata.labels

describe('readiness and drains', () => {
  test('PDBs evict pods that are not ready, so a drain is never blocked by pods that cannot serve', () => {
    const objects = renderScenario('minimal')
    for (const component of ['server', 'presence'])
      assert.equal(
        get(objects, 'PodDisruptionBudget', component).spec.unhealthyPodEvictionPolicy,
        'AlwaysAllow',
      )
  })
})

describe('one node without Redis', () => {
  test('presence enabled without Redis is refused at render time, saying what to do', () => {
    const stderr = refusal({ redis: { url: '' }, server: { replicaCount: 1 } })
    assert.match(stderr, /presence: the presence service .* exits without it/)
    assert.match(stderr, /presence\.enabled=false/)
  })

  test('one node without Redis and without presence renders; the node answers presence itself', () => {
    const objects = renderScenario('minimal', {
      redis: { url: '' },
      server: { replicaCount: 1 },
      presence: { enabled: false },
    })
    const env = envOf(get(objects, 'Deployment', 'server'))
    assert.equal(env.REDIS_URL, undefined)
    assert.equal(env.PRESENCE_URL, undefined)
  })
})

describe('probes and metrics on the management port, never routed publicly', () => {
  test('the public Service, Ingress and HTTPRoute carry only the http port', () => {
    for (const scenario of ['production', 'gateway']) {
      const objects = renderScenario(scenario)
      const service = get(objects, 'Service', 'server')
      const deployment = get(objects, 'Deployment', 'server')
      const management = mainContainer(deployment).ports.find(
        (p: { name: string }) => p.name === 'management',
      ).containerPort
      assert.deepEqual(
        service.spec.ports.map((p: { targetPort: string }) => p.targetPort),
        ['http'],
        scenario,
      )
      const backends = [
        ...(find(objects, 'Ingress')?.spec.rules ?? []).flatMap(
          (rule: { http: { paths: { backend: { service: unknown } }[] } }) =>
            rule.http.paths.map((path) => path.backend.service),
        ),
        ...(find(objects, 'HTTPRoute')?.spec.rules ?? []).flatMap(
          (rule: { backendRefs: unknown[] }) => rule.backendRefs,
        ),
      ]
      assert.ok(backends.length > 0, scenario)
      for (const backend of backends as { name: string; port: unknown }[]) {
        assert.equal(backend.name, service.metadata.name)
        assert.ok(
          [80, { name: 'http' }].some((p) => JSON.stringify(p) === JSON.stringify(backend.port)),
        )
        assert.notEqual(backend.port, management)
      }
    }
  })

  test('ServiceMonitors select only the headless management Services', () => {
    const objects = renderScenario('production')
    for (const component of ['server', 'presence']) {
      const monitor = get(objects, 'ServiceMonitor', component)
      const services = objects.filter(
        (o) =>
          o.kind === 'Service' &&
          Object.entries(monitor.spec.selector.matchLabels).every(
            ([key, value]) => o.metadata.labels[key] === value,
          ),
      )
      assert.equal(services.length, 1, component)
      assert.deepEqual(
        services[0]?.spec.ports.map((p: { name: string; targetPort: string }) => [
          p.name,
          p.targetPort,
        ]),
        [['management', 'management']],
      )
      assert.equal(services[0]?.spec.clusterIP, 'None')
    }
  })

  test('managementPort 0 keeps everything on the http port, as without the setting', () => {
    const objects = renderScenario('production', {
      server: { managementPort: 0 },
      presence: { managementPort: 0 },
    })
    const container = mainContainer(get(objects, 'Deployment', 'server'))
    assert.equal(envOf(get(objects, 'Deployment', 'server')).MANAGEMENT_PORT, undefined)
    assert.deepEqual(container.readinessProbe.httpGet, { path: '/readyz', port: 'http' })
    assert.equal(get(objects, 'ServiceMonitor', 'server').spec.endpoints[0].port, 'http')
  })
})

describe('NetworkPolicy, tight by default', () => {
  const policiesFor = (objects: K8sObject[], workload: K8sObject) =>
    objects.filter(
      (o) =>
        o.kind === 'NetworkPolicy' &&
        Object.entries(o.spec.podSelector.matchLabels as Record<string, string>).every(
          ([key, value]) => podLabels(workload)[key] === value,
        ),
    )

  for (const [name] of scenarios) {
    test(`${name}: every pod is selected by exactly one policy, and none allows all egress`, () => {
      const objects = renderScenario(name)
      for (const workload of objects.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind))) {
        const policies = policiesFor(objects, workload)
        assert.equal(policies.length, 1, `${workload.kind}/${workload.metadata.name}`)
        const egress = policies[0]?.spec.egress as object[]
        assert.ok(
          !egress.some((rule) => Object.keys(rule).length === 0),
          `${workload.metadata.name}: allow-all egress`,
        )
      }
    })
  }

  test('defaults: the server port only from the release, opted-in clients and named peers', () => {
    const policy = get(renderScenario('minimal'), 'NetworkPolicy', 'server')
    const from = policy.spec.ingress[0].from as object[]
    assert.ok(from.length >= 2, 'a from list (not open to everyone)')
    const dns = policy.spec.egress[0]
    assert.deepEqual(dns.to[0].podSelector.matchLabels, { 'k8s-app': 'kube-dns' })
  })

  test('the migrations Job reaches only DNS and Postgres; the test pod only DNS and the server pods', () => {
    const objects = renderScenario('production')
    const ports = (policy: K8sObject) =>
      (policy.spec.egress as { ports: { port: number }[] }[])
        .flatMap((rule) => rule.ports.map((p) => p.port))
        .sort()
    const migrate = get(objects, 'NetworkPolicy', 'migrate')
    assert.deepEqual(migrate.spec.ingress, [])
    assert.deepEqual(ports(migrate), [53, 53, 5432])
    assert.deepEqual(migrate.spec.egress[1].to, [{ ipBlock: { cidr: '10.20.0.0/24' } }])
    const testPod = get(objects, 'NetworkPolicy', 'test')
    assert.deepEqual(ports(testPod), [53, 53, 8080])
    assert.deepEqual(
      testPod.spec.egress[1].to[0].podSelector.matchLabels,
      get(objects, 'Deployment', 'server').spec.selector.matchLabels,
    )
  })

  test('hook migrations: the Job policy is a hook created before the Job', () => {
    const objects = renderScenario('hook-migrations')
    const policy = get(objects, 'NetworkPolicy', 'migrate')
    const job = get(objects, 'Job', 'migrate')
    assert.equal(
      policy.metadata.annotations['helm.sh/hook'],
      job.metadata.annotations['helm.sh/hook'],
    )
    assert.ok(
      Number(policy.metadata.annotations['helm.sh/hook-weight']) <
        Number(job.metadata.annotations['helm.sh/hook-weight']),
    )
  })

  test('an Ingress or ServiceMonitor the policy would block is refused, naming the value to set', () => {
    assert.match(refusal({ ingress: { enabled: true } }), /networkPolicy\.ingressNSMatchLabels/)
    assert.match(
      refusal({ metrics: { serviceMonitor: { enabled: true } } }),
      /networkPolicy\.metricsNSMatchLabels/,
    )
  })
})

describe('migrations with Argo CD, Flux and rollbacks', () => {
  const jobOf = (values: Record<string, unknown> = {}) =>
    get(renderScenario('minimal', values), 'Job', 'migrate')

  test('the Job name changes with the image and only with its pod template', () => {
    const base = jobOf().metadata.name
    assert.equal(jobOf({ server: { replicaCount: 3 } }).metadata.name, base)
    assert.notEqual(jobOf({ image: { tag: '0.2.0' } }).metadata.name, base)
    assert.ok(base.length <= 63)
    const long = get(
      renderScenario('minimal', { fullnameOverride: 'x'.repeat(63) }),
      'Job',
      'migrate',
    ).metadata.name
    assert.ok(long.length <= 63, long)
  })

  test('job mode carries the Argo CD hook and Flux drift annotations', () => {
    const annotations = jobOf().metadata.annotations
    assert.equal(annotations['argocd.argoproj.io/hook'], 'Sync')
    assert.equal(annotations['argocd.argoproj.io/hook-delete-policy'], 'BeforeHookCreation')
    assert.equal(annotations['helm.toolkit.fluxcd.io/driftDetection'], 'disabled')
    assert.equal(
      jobOf({ migrations: { gitOpsAnnotations: false } }).metadata.annotations,
      undefined,
    )
  })

  test('the hook deadline fits helm’s default 300 s wait, and a longer one is refused', () => {
    const job = get(renderScenario('hook-migrations'), 'Job', 'migrate')
    assert.ok(job.spec.activeDeadlineSeconds <= 300)
    const result = helmTemplate({
      valuesFiles: [scenarios.find(([n]) => n === 'hook-migrations')?.[1] as string],
      values: { migrations: { activeDeadlineSeconds: 900 } },
    })
    assert.notEqual(result.status, 0)
    assert.match(result.stderr, /activeDeadlineSeconds \(900\) exceeds helmTimeoutSeconds \(300\)/)
  })

  test('the Job is given only the database secret', () => {
    for (const scenario of ['minimal', 'existing-secrets']) {
      const env = envOf(get(renderScenario(scenario), 'Job', 'migrate'))
      assert.deepEqual(Object.keys(env).sort(), ['DATABASE_URL', 'NODE_ENV'], scenario)
    }
  })
})

describe('Postgres connection budget', () => {
  test('every server and presence process gets DATABASE_POOL_MAX from database.poolMax', () => {
    const objects = renderScenario('minimal', { database: { poolMax: 7 } })
    for (const component of ['server', 'presence'])
      assert.equal(envOf(get(objects, 'Deployment', component)).DATABASE_POOL_MAX, '7')
  })

  test('pool × the most pods the HPA and rollouts can run must fit max_connections', () => {
    const hpa = { server: { autoscaling: { enabled: true, maxReplicas: 20 } } }
    // (20 + 1) server + (1 + 1) presence pods × 10 + 1 = 231 > 100 − 5.
    assert.match(
      refusal({ ...hpa, database: { poolMax: 10 } }),
      /up to 23 pods × poolMax 10 \+ 1 \(migrations\) = 231 Postgres connections exceed maxConnections 100 − reservedConnections 5 = 95/,
    )
    assert.ok(renderScenario('minimal', { ...hpa, database: { poolMax: 4 } }).length > 0)
    assert.ok(
      renderScenario('minimal', { ...hpa, database: { poolMax: 10, maxConnections: 0 } }).length >
        0,
      'maxConnections 0 skips the check',
    )
  })
})

describe('smaller operational items', () => {
  test('presence gets its flush budget; nothing sets SHUTDOWN_GRACE_MS, which no process reads', () => {
    const objects = renderScenario('minimal', { presence: { shutdown: { flushSeconds: 12 } } })
    assert.equal(envOf(get(objects, 'Deployment', 'presence')).SHUTDOWN_TIMEOUT_MS, '12000')
    for (const file of ['values.yaml', ...scenarios.map(([, path]) => path)])
      assert.doesNotMatch(
        readFileSync(join(CHART_DIR, file.replace(`${CHART_DIR}/`, '')), 'utf8'),
        /SHUTDOWN_GRACE_MS/,
      )
  })

  test('the Grafana dashboard ships as a sidecar ConfigMap, identical to k8s/grafana', () => {
    const dashboards = (objects: K8sObject[]) =>
      objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1')
    assert.deepEqual(dashboards(renderScenario('minimal')), [], 'off by default')
    const [map] = dashboards(renderScenario('production'))
    assert.ok(map, 'a ConfigMap labelled grafana_dashboard=1')
    assert.equal(map.metadata.annotations.grafana_folder, 'Weft')
    const shipped = readFileSync(
      join(CHART_DIR, '..', '..', 'k8s', 'grafana', 'weft-dashboard.json'),
      'utf8',
    )
    assert.deepEqual(
      JSON.parse(map.data['weft-dashboard.json']),
      JSON.parse(shipped),
      'copy k8s/grafana/weft-dashboard.json to charts/weft/files/',
    )
  })

  test('a chart version bump alone leaves every pod template unchanged (no reconnect wave)', () => {
    const copy = mkdtempSync(join(tmpdir(), 'weft-chart-bump-'))
    try {
      cpSync(CHART_DIR, copy, { recursive: true })
      const chartYaml = join(copy, 'Chart.yaml')
      writeFileSync(
        chartYaml,
        readFileSync(chartYaml, 'utf8').replace(/^version: .*$/m, 'version: 9.9.9'),
      )
      const render = (dir: string) => {
        const result = runHelm([
          'template',
          'weft',
          dir,
          '--namespace',
          'weft',
          '--values',
          minimal,
        ])
        assert.equal(result.status, 0, result.stderr)
        return parseManifests(result.stdout)
      }
      const [before, after] = [render(CHART_DIR), render(copy)]
      assert.notDeepEqual(before, after, 'the bump shows in object labels')
      for (const kind of ['Deployment', 'Job'])
        for (const component of kind === 'Job' ? ['migrate'] : ['server', 'presence'])
          assert.deepEqual(
            get(after, kind, component).spec.template,
            get(before, kind, component).spec.template,
            `${kind}/${component}`,
          )
      assert.equal(
        get(after, 'Job', 'migrate').metadata.name,
        get(before, 'Job', 'migrate').metadata.name,
      )
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  test('pull secrets accept names and {name} objects, deduplicated', () => {
    const objects = renderScenario('minimal', {
      global: { imagePullSecrets: ['regcred', { name: 'mirror' }] },
      image: { pullSecrets: [{ name: 'regcred' }] },
    })
    for (const workload of objects.filter((o) => ['Deployment', 'Job', 'Pod'].includes(o.kind)))
      assert.deepEqual(podSpec(workload).imagePullSecrets, [
        { name: 'regcred' },
        { name: 'mirror' },
      ])
    const bad = helmTemplate({
      valuesFiles: [minimal],
      values: { global: { imagePullSecrets: [{ nam: 'x' }] } },
    })
    assert.notEqual(bad.status, 0)
  })
})

describe('what an idle node holds (decision 0207)', () => {
  test("the node's young generation and malloc arenas are bounded by default, and can be left to Node", () => {
    const bounded = envOf(get(renderScenario('minimal'), 'Deployment', 'server'))
    assert.match(bounded.NODE_OPTIONS ?? '', /--max-semi-space-size=\d+/)
    assert.equal(bounded.MALLOC_ARENA_MAX, '2')
    const left = envOf(
      get(
        renderScenario('minimal', { server: { nodeOptions: '', mallocArenaMax: 0 } }),
        'Deployment',
        'server',
      ),
    )
    // Set empty and 0 (glibc's default), so that the image's defaults do not apply either.
    assert.equal(left.NODE_OPTIONS, '')
    assert.equal(left.MALLOC_ARENA_MAX, '0')
  })

  test('the flags are ones Node accepts in NODE_OPTIONS (a node that rejected them would not start)', () => {
    const { NODE_OPTIONS } = envOf(get(renderScenario('minimal'), 'Deployment', 'server'))
    const run = spawnSync(process.execPath, ['-e', 'process.exit(0)'], {
      env: { ...process.env, NODE_OPTIONS },
      encoding: 'utf8',
    })
    assert.equal(run.status, 0, run.stderr)
  })
})
