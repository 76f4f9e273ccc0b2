// Tier 2 only (test-cluster.ts runs this file only then): the chart for real on the node. The dev
// Redis and Postgres of k8s/dev run from the images scripts/image/dev-deps.sh builds, the chart
// installs with k8s/dev/values-local.yaml and goes Ready (migrations Job, two server pods,
// presence), `helm test` passes through the Service's DNS name, and then users type through the
// chart's Service (its ClusterIP, routed by kube-proxy, from this machine) while the drills hit
// real pods: a server pod force-deleted, a rolling `helm upgrade`, the Redis pod deleted. After
// each drill every user holds every word anyone typed, and a user who opens the document afresh
// reads them all from the servers. Last, the Playwright suites run in Chromium on this machine
// against the chart's pods (each app's two-user story, one user on each server pod).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { mintAccessToken } from '@weft/protocol'
import { connectClient } from '../../../packages/testkit/src/clients.ts'
import { missingTokens } from '../../../packages/testkit/src/typists.ts'
import { ACROSS_PODS_SPECS, runBrowserSuites } from './browserSuites.ts'
import { CHART } from './fixtures.ts'
import {
  dropNamespace,
  eventually,
  freshNamespace,
  getList,
  helm,
  helmResult,
  type KubeObject,
  kubectl,
} from './kube.ts'
import { type ServiceCrowd, serviceTyping } from './serviceTypists.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const repo = join(here, '..', '..', '..')
const ns = 'weft-chart'
const release = 'weft'
/** The server Service: the chart's fullname is the release name when that contains "weft". */
const SERVICE = 'weft-server'
const SECRET = 'cluster-test-auth-secret-0123456789'
const SERVER = 'app.kubernetes.io/instance=weft,app.kubernetes.io/component=server'
const REDIS = 'app.kubernetes.io/name=redis'
/** Generous: the machine is shared, and every pod start is a real container start. */
const READY_TIMEOUT = '600s'
const HELM_PROCESS_MS = 660_000

let image = ''
let wsUrl = ''
let token = ''
let crowd: ServiceCrowd | undefined
const started = Date.now()
const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`

const script = (path: string, args: string[] = []) =>
  execFileSync(join(repo, path), args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_IMAGE: process.env.NODE_IMAGE ?? 'standin' },
  })
    .trim()
    .split('\n')

/** k8s/dev's manifest with our Debian-built image in place of the public one. */
function devManifest(file: string, publicImage: string, localImage: string) {
  const text = readFileSync(join(repo, 'k8s', 'dev', file), 'utf8')
  assert.ok(text.includes(`image: ${publicImage}`), `${file} names ${publicImage}`)
  return text.replace(
    `image: ${publicImage}`,
    `image: ${localImage}\n          imagePullPolicy: Never`,
  )
}

const installArgs = (extra: string[] = []) => [
  'upgrade',
  '--install',
  release,
  CHART,
  '-n',
  ns,
  '-f',
  join(repo, 'k8s', 'dev', 'values-local.yaml'),
  '--set',
  `image.repository=${image.split(':')[0]}`,
  '--set',
  `image.tag=${image.split(':')[1]}`,
  '--wait',
  `--timeout=${READY_TIMEOUT}`,
  ...extra,
]

const ready = (pod: KubeObject) =>
  (pod.status?.conditions as { type: string; status: string }[] | undefined)?.some(
    (c) => c.type === 'Ready' && c.status === 'True',
  ) === true

async function serverPods() {
  return (await getList('pods', ns, SERVER)).filter(
    (p) => !(p.metadata as { deletionTimestamp?: string }).deletionTimestamp,
  )
}

/** Open sockets per server pod, read from each pod's management port (never routed publicly). */
async function connectionsByPod() {
  const counts = new Map<string, number>()
  for (const pod of await serverPods()) {
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP
    const res = ip ? await fetch(`http://${ip}:9090/metrics`).catch(() => undefined) : undefined
    const text = res?.ok ? await res.text() : ''
    counts.set(
      pod.metadata.name,
      Number(/^weft_connections(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? 0),
    )
  }
  return counts
}

/** A user who opens the document now reads every word from the servers. */
async function freshReaderSees(documentName: string, words: string[]) {
  const reader = connectClient(wsUrl.replace(/\/collab$/, ''), documentName, token)
  try {
    await eventually('a fresh reader holds every typed word', async () => {
      const text = reader.doc.getText('text').toString()
      return reader.provider.isSynced && missingTokens(text, words).length === 0
    })
  } finally {
    reader.destroy()
  }
}

/** Users type through the Service while `drill` runs, then stop; nothing typed may be lost. */
async function whileTyping(documentName: string, drill: (c: ServiceCrowd) => Promise<void>) {
  assert.ok(wsUrl, 'the Service address (found once the chart went Ready)')
  crowd = serviceTyping(wsUrl, documentName, token, 4)
  const c = crowd
  try {
    await eventually('every user synced through the Service', async () =>
      c.typists.every((t) => t.provider.isSynced),
    )
    c.start(200)
    await eventually('users typing', async () => c.allTyped().length >= 20)
    await drill(c)
    // Keep typing a little on the recovered fleet, then stop and compare.
    const before = c.allTyped().length
    await eventually(
      'typing goes on after the drill',
      async () => c.allTyped().length >= before + 20,
    )
    c.stop()
    await c.converged(180_000)
    const words = c.allTyped()
    for (const t of c.typists) {
      assert.deepEqual(missingTokens(t.text(), words), [], `${t.name} lost nothing`)
      // What each user saw: their own words in the order they typed them.
      const own = t.typed.map((w) => t.text().indexOf(w))
      assert.deepEqual(
        [...own].sort((a, b) => a - b),
        own,
        `${t.name}'s words stay in order`,
      )
    }
    await freshReaderSees(documentName, words)
    console.log(
      `# ${documentName}: ${words.length} words, ${c.closes()} socket closes, at ${elapsed()}`,
    )
  } finally {
    c.destroy()
    crowd = undefined
  }
}

before(async () => {
  // Built images are cached by content (scripts/image/build.sh); these are no-ops when cached.
  image = script('scripts/image/build.sh').at(-1) ?? ''
  const [redisImage, postgresImage] = script('scripts/image/dev-deps.sh')
  assert.ok(image && redisImage && postgresImage, 'images built')
  script('scripts/image/load.sh', [image, redisImage, postgresImage])
  console.log(`# images built and loaded at ${elapsed()}`)
  await freshNamespace(ns)
  await kubectl(
    ['apply', '-n', ns, '-f', '-'],
    devManifest('redis.yaml', 'redis:7.4-bookworm', redisImage),
  )
  await kubectl(
    ['apply', '-n', ns, '-f', '-'],
    devManifest('postgres.yaml', 'postgres:17-bookworm', postgresImage),
  )
  await kubectl([
    'create',
    'secret',
    'generic',
    'weft-auth',
    '-n',
    ns,
    `--from-literal=auth-secret=${SECRET}`,
  ])
  token = await mintAccessToken(
    { sub: 'drill', name: 'Drill', docs: { 'grid:*': 'write' } },
    SECRET,
  )
})

after(async () => {
  crowd?.destroy()
  await helmResult(['uninstall', release, '-n', ns, '--wait', '--timeout=120s'])
  await dropNamespace(ns)
})

test('the chart with the dev Redis and Postgres goes Ready', async () => {
  for (const name of ['redis', 'postgres'])
    await kubectl([
      'rollout',
      'status',
      `deployment/${name}`,
      '-n',
      ns,
      `--timeout=${READY_TIMEOUT}`,
    ])
  await helm(installArgs(), HELM_PROCESS_MS)
  const pods = await serverPods()
  assert.equal(pods.length, 2, 'two server pods')
  assert.ok(pods.every(ready), 'every server pod Ready')
  const presence = await getList('pods', ns, 'app.kubernetes.io/component=presence')
  assert.ok(presence.length > 0 && presence.every(ready), 'presence Ready')
  // The Job's status follows its pod's exit a moment later (the servers are ready as soon as the
  // schema is there, and helm --wait does not wait for a plain Job).
  await eventually('the migrations Job succeeded', async () =>
    (await getList('jobs', ns, 'app.kubernetes.io/component=migrate')).some(
      (j) => (j.status as { succeeded?: number } | undefined)?.succeeded === 1,
    ),
  )
  const ip = (
    await kubectl(['get', 'service', SERVICE, '-n', ns, '-o', 'jsonpath={.spec.clusterIP}'])
  ).trim()
  assert.match(ip, /^10\.96\.\d+\.\d+$/)
  wsUrl = `ws://${ip}/collab`
  // The Service routes from this machine (kube-proxy's nat OUTPUT chain).
  const res = await fetch(`http://${ip}/`)
  assert.equal(res.status, 200)
  console.log(`# chart Ready at ${elapsed()}`)
})

test('helm test passes through the Service name (cluster DNS + kube-proxy)', async () => {
  const out = await helm(
    ['test', release, '-n', ns, '--logs', `--timeout=${READY_TIMEOUT}`],
    HELM_PROCESS_MS,
  )
  assert.match(out, /Phase:\s+Succeeded/)
  assert.match(out, /collab-smoke: both providers synced/)
})

test('a server pod deleted with --grace-period=0 --force loses nothing typed', async () => {
  await whileTyping('grid:drill-force-delete', async (c) => {
    // The pod holding the most sockets, so some users really lose theirs.
    const counts = await eventually('sockets spread over the pods', async () => {
      const byPod = await connectionsByPod()
      return [...byPod.values()].some((n) => n > 0) ? byPod : false
    })
    const [victim] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? []
    assert.ok(victim)
    const closesBefore = c.closes()
    await kubectl(['delete', 'pod', victim, '-n', ns, '--grace-period=0', '--force'])
    await eventually(
      'the users on that pod lost their socket',
      async () => c.closes() > closesBefore,
    )
    await eventually(
      'the Deployment replaced the pod',
      async () => {
        const pods = await serverPods()
        return (
          pods.length === 2 && pods.every(ready) && !pods.some((p) => p.metadata.name === victim)
        )
      },
      300_000,
    )
  })
})

test('a rolling helm upgrade while users type loses nothing', async () => {
  await whileTyping('grid:drill-rolling-upgrade', async (c) => {
    const before = new Set((await serverPods()).map((p) => p.metadata.name))
    await helm(
      installArgs(['--set', `server.podAnnotations.weft-drill=upgrade-${Date.now()}`]),
      HELM_PROCESS_MS,
    )
    // helm --wait returns once the new pods are available; the last old one may still be
    // draining (preStop, then closing its sockets).
    await kubectl([
      'rollout',
      'status',
      'deployment/weft-server',
      '-n',
      ns,
      `--timeout=${READY_TIMEOUT}`,
    ])
    await eventually(
      'only new server pods left',
      async () => {
        const pods = await serverPods()
        return (
          pods.length === 2 && pods.every(ready) && pods.every((p) => !before.has(p.metadata.name))
        )
      },
      300_000,
    )
    // Every user was on a replaced pod, so every user's socket closed and came back.
    await eventually(
      'every user reconnected',
      async () => c.typists.every((t) => t.closeCodes.length > 0),
      300_000,
    )
  })
})

test('deleting the Redis pod while users type loses nothing', async () => {
  await whileTyping('grid:drill-redis-delete', async () => {
    const [old] = (await getList('pods', ns, REDIS)).map((p) => p.metadata.name)
    assert.ok(old)
    await kubectl(['delete', 'pod', old, '-n', ns, '--wait=false'])
    await eventually(
      'a new Redis pod Ready',
      async () => {
        const pods = await getList('pods', ns, REDIS)
        return pods.some((p) => p.metadata.name !== old && ready(p))
      },
      300_000,
    )
    // Readiness is each pod's own: the server pods stayed in the Service throughout.
    assert.ok((await serverPods()).every(ready), 'server pods stayed Ready')
  })
})

test("the Playwright suites run across the chart's pods", async () => {
  // The browser suites run as a development install (no tokens; the apps take the user's name
  // from the page, as the local fleet does): a rolling upgrade to the chart's open dev mode.
  const before = new Set((await serverPods()).map((p) => p.metadata.name))
  await helm(
    installArgs([
      '--set',
      'auth.existingSecret=',
      '--set',
      'allowOpenDevMode=true',
      '--set',
      'nodeEnv=development',
    ]),
    HELM_PROCESS_MS,
  )
  const pods = await eventually(
    'two new server pods Ready',
    async () => {
      const current = await serverPods()
      return current.length === 2 &&
        current.every(ready) &&
        current.every((p) => !before.has(p.metadata.name))
        ? current
        : false
    },
    300_000,
  )
  const port = (
    await kubectl([
      'get',
      'service',
      SERVICE,
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.ports[?(@.name=="http")].targetPort}',
    ])
  ).trim()
  const spec = pods[0]?.spec as
    | { containers: { ports?: { name?: string; containerPort: number }[] }[] }
    | undefined
  const containerPort = Number(
    spec?.containers[0]?.ports?.find((p) => p.name === port || String(p.containerPort) === port)
      ?.containerPort ?? 0,
  )
  assert.ok(containerPort > 0, `the server container's ${port} port`)
  const serviceIp = wsUrl.replace(/^ws:\/\//, '').replace(/\/collab$/, '')
  const target = {
    service: `http://${serviceIp}`,
    nodes: pods.map((p) => ({
      nodeId: p.metadata.name,
      url: `http://${(p.status as { podIP: string }).podIP}:${containerPort}`,
    })),
  }
  // The app the browsers load is the pods': the Service and each pod serve it.
  for (const url of [target.service, ...target.nodes.map((n) => n.url)])
    assert.equal((await fetch(`${url}/grid/probe`)).status, 200, `${url} serves the grid app`)
  console.log(`# browser suites against ${JSON.stringify(target)} at ${elapsed()}`)
  const run = await runBrowserSuites(target)
  console.log(`# browser suites: ${JSON.stringify(run.stats)} at ${elapsed()}`)
  assert.ok(run.stats, `Playwright wrote its report (${run.report}; exit ${run.code})`)
  // Every test of the listed specs ran (none skipped), each counted by test-cluster.ts from the
  // report; run on its own (no WEFT_CLUSTER_E2E_REPORT), this test also fails on a failed one.
  const ran = run.stats.expected + run.stats.unexpected + run.stats.flaky
  assert.ok(ran >= ACROSS_PODS_SPECS.length && run.stats.skipped === 0, 'every story ran')
  if (!process.env.WEFT_CLUSTER_E2E_REPORT)
    assert.equal(run.stats.unexpected, 0, 'every browser test passed')
})
