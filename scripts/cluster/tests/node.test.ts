// Tier 2 only (a kubelet on containerd; test-cluster.ts runs this file only then): the image built by `npm run image:build` runs as a real
// Pod on the node, passes its readiness probe, and answers on its Pod IP from this machine over
// the cluster's bridge network.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { dropNamespace, eventually, freshNamespace, kubectl } from './kube.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const ns = 'weft-node'

after(() => dropNamespace(ns))
test('the image runs as a Pod on the node and goes Ready', async () => {
  execFileSync(join(here, '..', '..', 'image', 'load.sh'), ['localhost/weft:dev'], {
    stdio: 'inherit',
  })
  await freshNamespace(ns)
  await kubectl(
    ['create', '-n', ns, '-f', '-'],
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'server' },
      spec: {
        automountServiceAccountToken: false,
        securityContext: { runAsNonRoot: true },
        containers: [
          {
            name: 'server',
            image: 'localhost/weft:dev',
            imagePullPolicy: 'Never',
            env: [
              { name: 'AUTH_SECRET', value: 'cluster-test-auth-secret-0123456789' },
              { name: 'DATA_DIR', value: '/tmp/data' },
            ],
            readinessProbe: { httpGet: { path: '/readyz', port: 8080 }, periodSeconds: 2 },
            securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
          },
        ],
        volumes: [{ name: 'tmp', emptyDir: {} }],
      },
    }),
  )
  await kubectl(['wait', '-n', ns, '--for=condition=Ready', 'pod/server', '--timeout=180s'])
  const ip = (
    await kubectl(['get', 'pod', 'server', '-n', ns, '-o', 'jsonpath={.status.podIP}'])
  ).trim()
  assert.match(ip, /^10\.244\.0\.\d+$/)
  const body = await eventually('the Pod answers /readyz on its IP', async () => {
    const res = await fetch(`http://${ip}:8080/readyz`).catch(() => undefined)
    return res?.ok ? ((await res.json()) as { ready: boolean; node: string }) : false
  })
  assert.deepEqual({ ready: body.ready, node: body.node }, { ready: true, node: 'server' })
})

// Issue 14's budget for the image: production needs only (decision 0041). Measured as build.sh
// prints it: buildah's size of the image, and `du` of /app.
test('the image stays within its budget: at most 300 MB, /app at most 150 MiB', () => {
  const listed = execFileSync(
    'buildah',
    ['images', '--noheading', '--format', '{{.Size}}', 'localhost/weft:dev'],
    { encoding: 'utf8' },
  )
    .split('\n')[0]
    ?.trim()
  const size = /^([\d.]+) (kB|MB|GB)$/.exec(listed ?? '')
  assert.ok(size, `buildah lists the image's size as "${listed}"`)
  const megabytes = Number(size[1]) * { kB: 1e-3, MB: 1, GB: 1e3 }[size[2] as 'kB' | 'MB' | 'GB']
  assert.ok(megabytes <= 300, `the image is ${listed} (budget 300 MB)`)
  const container = execFileSync('buildah', ['from', '--quiet', 'localhost/weft:dev'], {
    encoding: 'utf8',
  }).trim()
  try {
    const root = execFileSync('buildah', ['mount', container], { encoding: 'utf8' }).trim()
    const app = Number(
      execFileSync('du', ['-sm', join(root, 'app')], { encoding: 'utf8' }).split('\t')[0],
    )
    assert.ok(app <= 150, `/app holds ${app} MiB (budget 150)`)
  } finally {
    execFileSync('buildah', ['rm', container], { stdio: 'ignore' })
  }
})
