// A release's life on the real API server: install (r1), upgrade (r2: a new image tag, more
// replicas, a new pod annotation, so a migrate Job of its own), rollback to r1 (r3), uninstall — and the controllers follow each
// step (Pods are added, removed, garbage collected).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { CHART, installSecrets } from './fixtures.ts'
import {
  dropNamespace,
  eventually,
  freshNamespace,
  getList,
  getObject,
  helm,
  templateAnnotations,
} from './kube.ts'

const ns = 'weft-lifecycle'
const minimal = join(CHART, 'ci', 'minimal-values.yaml')
after(() => dropNamespace(ns))

/** Migrate Job names: weft-migrate-<hash of its pod template>, new only when that changes. */
const migrateJobs = async () =>
  (await getList('job', ns, 'app.kubernetes.io/component=migrate')).map(
    (job) => (job.metadata as { name: string }).name,
  )

const serverPods = async () =>
  (
    await getList('pod', ns, 'app.kubernetes.io/instance=weft,app.kubernetes.io/component=server')
  ).filter((p) => !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp)

async function revision() {
  const history = JSON.parse(await helm(['history', 'weft', '-n', ns, '-o', 'json'])) as {
    revision: number
    status: string
  }[]
  return history.at(-1)
}

test('install, upgrade, rollback and uninstall on the real API server', async () => {
  await freshNamespace(ns)
  await installSecrets(ns)

  await helm(['install', 'weft', CHART, '-n', ns, '-f', minimal])
  assert.equal((await revision())?.revision, 1)
  assert.equal((await revision())?.status, 'deployed')
  const r1 = await getObject('deployment', 'weft-server', ns)
  assert.ok(r1, 'r1 made the server Deployment')
  const r1Replicas = Number(r1.spec?.replicas)
  await eventually(
    `${r1Replicas} server Pods after install`,
    async () => (await serverPods()).length === r1Replicas,
  )
  const [r1Job, ...others] = await migrateJobs()
  assert.match(r1Job ?? '', /^weft-migrate-[0-9a-f]{10}$/, 'r1 made its migrate Job')
  assert.deepEqual(others, [])

  await helm([
    'upgrade',
    'weft',
    CHART,
    '-n',
    ns,
    '-f',
    minimal,
    '--set',
    'server.replicaCount=4',
    '--set-string',
    'server.podAnnotations.example\\.com/rollout=r2',
    '--set-string',
    'image.tag=r2',
  ])
  assert.equal((await revision())?.revision, 2)
  const r2 = await getObject('deployment', 'weft-server', ns)
  assert.equal(r2?.spec?.replicas, 4)
  const r2Jobs = await migrateJobs()
  assert.ok(
    r2Jobs.some((name) => name !== r1Job && /^weft-migrate-[0-9a-f]{10}$/.test(name)),
    `the upgrade to a new image made a migrate Job of its own: ${r2Jobs.join(', ')}`,
  )
  // The new pod annotation changes the template: a second ReplicaSet owns the new Pods.
  await eventually('a second ReplicaSet for the r2 template', async () => {
    const sets = (await getList('replicaset', ns, 'app.kubernetes.io/component=server')).filter(
      (rs) => Number(rs.spec?.replicas) > 0,
    )
    return sets.some((rs) => templateAnnotations(rs)['example.com/rollout'] === 'r2')
  })

  await helm(['rollback', 'weft', '1', '-n', ns])
  const r3 = await revision()
  assert.equal(r3?.revision, 3)
  assert.equal(r3?.status, 'deployed')
  const back = await getObject('deployment', 'weft-server', ns)
  assert.equal(back?.spec?.replicas, r1Replicas, 'rollback restores the r1 replica count')
  const template = back?.spec?.template as { metadata: { annotations?: Record<string, string> } }
  assert.equal(
    template.metadata.annotations?.['example.com/rollout'],
    undefined,
    'rollback restores the r1 pod template',
  )

  await helm(['uninstall', 'weft', '-n', ns, '--wait', '--timeout', '3m'])
  await eventually(
    'nothing of the release left: Deployments, ReplicaSets, Pods, Services, Secrets, Jobs',
    async () => {
      const left = await Promise.all(
        [
          'deployment',
          'replicaset',
          'pod',
          'service',
          'secret',
          'poddisruptionbudget',
          'networkpolicy',
          'job',
        ].map((kind) => getList(kind, ns, 'app.kubernetes.io/instance=weft')),
      )
      // The migrate Jobs' Pods carry the Job's labels; the garbage collector removes them with their Job.
      const jobPods = await getList('pod', ns, 'job-name')
      return left.every((l) => l.length === 0) && jobPods.length === 0
    },
  )
})
