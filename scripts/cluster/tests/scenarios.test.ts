// Every charts/weft/ci scenario installed for real on the local cluster: the API server accepts
// every object the chart renders, and the controllers reconcile them (each Deployment gets its
// ReplicaSet and as many Pods as it or its HPA asks for; each Job gets a Pod). On tier 1 the Pods
// stay Pending (no node); tier 2 adds what only a kubelet can show.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { parseAllDocuments } from 'yaml'
import { CHART, installCrds, installSecrets } from './fixtures.ts'
import {
  dropNamespace,
  eventually,
  freshNamespace,
  getList,
  getObject,
  helm,
  type KubeObject,
  kubectl,
} from './kube.ts'

const ciDir = join(CHART, 'ci')
const scenarios = readdirSync(ciDir).filter((f) => f.endsWith('-values.yaml'))

/** `kind[.group]` as kubectl resolves it, so CRD kinds are unambiguous. */
function resource(o: { apiVersion: string; kind: string }) {
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''
  return group ? `${o.kind.toLowerCase()}.${group}` : o.kind.toLowerCase()
}

function objects(manifest: string) {
  return parseAllDocuments(manifest)
    .map((d) => d.toJS() as (KubeObject & { apiVersion: string }) | null)
    .filter(
      (o): o is KubeObject & { apiVersion: string } =>
        o !== null && typeof o === 'object' && 'kind' in o,
    )
}

async function expectReconciled(ns: string, rendered: (KubeObject & { apiVersion: string })[]) {
  for (const o of rendered) {
    assert.ok(
      await getObject(resource(o), o.metadata.name, ns),
      `${o.kind}/${o.metadata.name} exists in the cluster`,
    )
  }
  const hpas = rendered.filter((o) => o.kind === 'HorizontalPodAutoscaler')
  for (const d of rendered.filter((o) => o.kind === 'Deployment')) {
    const hpa = hpas.find(
      (h) => (h.spec?.scaleTargetRef as { name?: string } | undefined)?.name === d.metadata.name,
    )
    const want = hpa ? Number(hpa.spec?.minReplicas) : Number(d.spec?.replicas ?? 1)
    await eventually(
      `Deployment ${d.metadata.name}: a ReplicaSet with ${want} Pod(s)`,
      async () => {
        const sets = (await getList('replicaset', ns)).filter((rs) =>
          rs.metadata.ownerReferences?.some(
            (r) => r.kind === 'Deployment' && r.name === d.metadata.name,
          ),
        )
        if (sets.length === 0) return false
        const pods = (await getList('pod', ns)).filter((p) =>
          p.metadata.ownerReferences?.some((r) => sets.some((rs) => rs.metadata.name === r.name)),
        )
        return pods.length === want
      },
    )
  }
  for (const j of rendered.filter((o) => o.kind === 'Job')) {
    await eventually(
      `Job ${j.metadata.name}: a Pod`,
      async () => (await getList('pod', ns, `job-name=${j.metadata.name}`)).length > 0,
    )
  }
}

describe('every ci/ scenario installs for real', () => {
  before(installCrds)
  for (const file of scenarios) {
    const scenario = file.replace(/-values\.yaml$/, '')
    const ns = `ci-${scenario}`
    after(() => dropNamespace(ns))
    test(`${scenario}: helm install, every object accepted and reconciled`, async () => {
      await freshNamespace(ns)
      await installSecrets(ns)
      const valuesPath = join(ciDir, file)
      // Hooks (migrations.mode=hook) wait for their Job to complete, which needs a node: on tier 1
      // the hook objects are created for real right after, so the API server still judges them.
      const hookMode = /mode:\s*hook/.test(readFileSync(valuesPath, 'utf8'))
      const args = ['install', 'weft', CHART, '-n', ns, '-f', valuesPath, '--timeout', '5m']
      if (hookMode) args.push('--no-hooks')
      await helm(args)
      const rendered = objects(await helm(['get', 'manifest', 'weft', '-n', ns]))
      assert.ok(
        rendered.some((o) => o.kind === 'Deployment'),
        'the release has Deployments',
      )
      if (hookMode) {
        const hooks = objects(await helm(['get', 'hooks', 'weft', '-n', ns])).filter(
          (o) => !o.metadata.name.includes('-test'),
        )
        assert.ok(
          hooks.some((o) => o.kind === 'Job'),
          'the migrate hook Job is rendered',
        )
        for (const h of hooks) await kubectl(['create', '-n', ns, '-f', '-'], JSON.stringify(h))
        rendered.push(...hooks)
      }
      await expectReconciled(ns, rendered)
    })
  }
})
