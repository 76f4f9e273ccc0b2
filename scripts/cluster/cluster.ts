// `npm run cluster -- up|down|status`: a single-node Kubernetes cluster on 127.0.0.1 for the chart's
// cluster tests (docs/deploy-kubernetes.md). `up` builds the pinned components once into the cache
// (scripts/cluster/build-k8s.sh), starts them in a directory of their own and ends by printing
// `KUBECONFIG=<path>` as its last line (progress goes to stderr); `down` stops every process `up`
// recorded and removes the directory; `status` says what runs.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { adminCredentials, apiGet } from './api.ts'
import { startControlPlane } from './controlPlane.ts'
import { ADMIN_KUBECONFIG, CACHE_ROOT, CLUSTER_DIR, K8S_BIN, K8S_VERSION } from './paths.ts'
import { type ClusterState, isAlive, readState, stopProcess, writeState } from './processes.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
const log = (line: string) => process.stderr.write(`cluster: ${line}\n`)

function ensureBinaries() {
  const result = spawnSync('nice', ['-n', '10', join(here, 'build-k8s.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, K8S_VERSION, WEFT_K8S_CACHE: CACHE_ROOT },
  })
  // build-k8s.sh writes progress on stdout; keep stdout's last line for KUBECONFIG.
  if (result.status !== 0)
    throw new Error(`building Kubernetes ${K8S_VERSION} failed (exit ${result.status})`)
}

async function down(quiet = false) {
  const state = readState()
  if (!state) {
    if (!quiet) log(`nothing recorded in ${CLUSTER_DIR}; nothing to stop`)
    return
  }
  for (const p of [...state.processes].reverse()) {
    const wasAlive = isAlive(p)
    await stopProcess(p)
    if (!quiet) log(`${p.name} (pid ${p.pid}) ${wasAlive ? 'stopped' : 'was not running'}`)
  }
  for (const command of [...state.cleanup].reverse()) {
    const [cmd, ...args] = command
    if (cmd) spawnSync(cmd, args, { stdio: 'ignore' })
  }
  rmSync(CLUSTER_DIR, { recursive: true, force: true })
  if (!quiet) log(`removed ${CLUSTER_DIR}`)
}

async function up() {
  const existing = readState()
  if (existing?.processes.every(isAlive)) {
    log(`already running (tier ${existing.tier}, ${existing.apiServer})`)
    console.log(`KUBECONFIG=${existing.kubeconfig}`)
    return
  }
  if (existing) {
    log('a previous cluster is partly running; stopping it first')
    await down(true)
  }
  ensureBinaries()
  rmSync(CLUSTER_DIR, { recursive: true, force: true })
  mkdirSync(CLUSTER_DIR, { recursive: true, mode: 0o700 })
  const state: ClusterState = {
    version: K8S_VERSION,
    tier: 1,
    apiServer: '',
    kubeconfig: ADMIN_KUBECONFIG,
    startedAt: new Date().toISOString(),
    processes: [],
    cleanup: [],
  }
  // Recorded as each process starts, so `down` can stop a half-started cluster.
  const record = () => writeState(state)
  try {
    const plane = await startControlPlane(CLUSTER_DIR, (p) => {
      state.processes.push(p)
      record()
      log(`${p.name} started (pid ${p.pid}, log ${p.log})`)
    })
    state.apiServer = plane.apiServer
    record()
    log(
      `tier 1 up: etcd, kube-apiserver, kube-controller-manager, kube-scheduler at ${plane.apiServer}`,
    )
  } catch (error) {
    log(`up failed: ${(error as Error).message}`)
    await down(true)
    process.exitCode = 1
    return
  }
  console.log(`KUBECONFIG=${state.kubeconfig}`)
}

async function status() {
  const state = readState()
  if (!state) {
    console.log(
      `not running (no ${join(CLUSTER_DIR, 'state.json')}); binaries: ${existsSync(join(K8S_BIN, 'kube-apiserver')) ? K8S_BIN : 'not built'}`,
    )
    process.exitCode = 1
    return
  }
  console.log(
    `Kubernetes ${state.version}, tier ${state.tier}, API server ${state.apiServer}, started ${state.startedAt}`,
  )
  let allAlive = true
  for (const p of state.processes) {
    const alive = isAlive(p)
    allAlive &&= alive
    console.log(
      `  ${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${alive ? 'running' : 'NOT RUNNING'}  ${p.log}`,
    )
  }
  if (state.apiServer) {
    const res = await apiGet(adminCredentials(CLUSTER_DIR, state.apiServer), '/readyz').catch(
      () => undefined,
    )
    console.log(`  API server /readyz: ${res ? res.status : 'unreachable'}`)
    allAlive &&= res?.status === 200
  }
  console.log(`KUBECONFIG=${state.kubeconfig}`)
  if (!allAlive) process.exitCode = 1
}

const command = process.argv[2]
const commands: Record<string, () => Promise<void>> = { up, down: () => down(), status }
const run = command ? commands[command] : undefined
if (!run) {
  console.error('usage: npm run cluster -- up|down|status')
  process.exit(2)
}
await run()
