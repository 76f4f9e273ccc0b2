// `npm run cluster -- up|down|status`: a single-node Kubernetes cluster on 127.0.0.1 for the chart's
// cluster tests (docs/deploy-kubernetes.md). `up` builds the pinned components once into the cache
// (scripts/cluster/build-k8s.sh), starts them in a directory of their own and ends by printing
// `KUBECONFIG=<path>` as its last line (progress goes to stderr); `down` stops every process `up`
// recorded and removes the directory; `status` says what runs.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { adminCredentials, apiGet } from './api.ts'
import { type ControlPlane, startControlPlane } from './controlPlane.ts'
import { KUBE_PROXY_CLEANUP } from './kubeProxy.ts'
import { BRIDGE, ctr, NODE_NAME, startNode } from './node.ts'
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
  if (process.env.WEFT_CLUSTER_TIER !== '2') return
  const dns = spawnSync('nice', ['-n', '10', join(here, 'build-coredns.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, WEFT_K8S_CACHE: CACHE_ROOT },
  })
  if (dns.status !== 0) throw new Error(`building CoreDNS failed (exit ${dns.status})`)
}

/** Stops every container the node's containerd runs, so no shim outlives `down`. */
function removePodContainers() {
  const socket = join(CLUSTER_DIR, 'containerd', 'containerd.sock')
  try {
    for (const id of ctr(socket, ['tasks', 'list', '-q']).split('\n').filter(Boolean)) {
      spawnSync(
        'ctr',
        ['--address', socket, '--namespace', 'k8s.io', 'tasks', 'kill', '-s', 'SIGKILL', id],
        { stdio: 'ignore' },
      )
      spawnSync(
        'ctr',
        ['--address', socket, '--namespace', 'k8s.io', 'tasks', 'delete', '-f', id],
        { stdio: 'ignore' },
      )
    }
    for (const id of ctr(socket, ['containers', 'list', '-q']).split('\n').filter(Boolean)) {
      spawnSync('ctr', ['--address', socket, '--namespace', 'k8s.io', 'containers', 'delete', id], {
        stdio: 'ignore',
      })
    }
  } catch (error) {
    log(`could not list containers: ${(error as Error).message}`)
  }
}

/**
 * containerd's shims run in process groups of their own; any still serving this cluster's socket
 * after containerd stopped (a sandbox that failed half-way) is ended here. Only processes whose
 * command line names this cluster's socket are touched.
 */
function killLeftoverShims() {
  const socket = join(CLUSTER_DIR, 'containerd', 'containerd.sock')
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let args: string[]
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (args[0]?.endsWith('containerd-shim-runc-v2') && args.includes(socket)) {
      try {
        process.kill(Number(entry), 'SIGKILL')
      } catch {}
    }
  }
}

async function down(quiet = false) {
  const state = readState()
  if (!state) {
    if (!quiet) log(`nothing recorded in ${CLUSTER_DIR}; nothing to stop`)
    return
  }
  if (state.processes.some((p) => p.name === 'containerd')) removePodContainers()
  for (const p of [...state.processes].reverse()) {
    const wasAlive = isAlive(p)
    await stopProcess(p)
    if (!quiet) log(`${p.name} (pid ${p.pid}) ${wasAlive ? 'stopped' : 'was not running'}`)
  }
  killLeftoverShims()
  for (const command of [...state.cleanup].reverse()) {
    const [cmd, ...args] = command
    if (cmd) spawnSync(cmd, args, { stdio: 'ignore' })
  }
  unmountUnder(CLUSTER_DIR)
  rmSync(CLUSTER_DIR, { recursive: true, force: true })
  if (!quiet) log(`removed ${CLUSTER_DIR}`)
}

/**
 * Tier 2 on request (WEFT_CLUSTER_TIER=2): containerd and a kubelet. When they cannot run here the
 * exact error is logged and kept in <cluster dir>/tier2-error.txt, the node's processes are
 * stopped, and the cluster stays tier 1.
 */
async function tryNode(state: ClusterState, plane: ControlPlane, record: () => void) {
  const before = state.processes.length
  state.cleanup.push(['ip', 'link', 'delete', BRIDGE])
  // Runs after kube-proxy stopped (cleanup follows the processes): removes its iptables chains.
  state.cleanup.push(KUBE_PROXY_CLEANUP)
  try {
    await startNode(CLUSTER_DIR, plane.apiServer, plane.pki, (p) => {
      state.processes.push(p)
      record()
      log(`${p.name} started (pid ${p.pid}, log ${p.log})`)
    })
    state.tier = 2
    record()
    log(`tier 2 up: node ${NODE_NAME} Ready`)
  } catch (error) {
    const message = (error as Error).message
    writeFileSync(join(CLUSTER_DIR, 'tier2-error.txt'), `${message}\n`)
    log(`tier 2 not available, staying at tier 1: ${message}`)
    for (const p of state.processes.splice(before).reverse()) await stopProcess(p)
    unmountUnder(CLUSTER_DIR)
    record()
  }
}

/** Unmounts what the kubelet and containerd mounted inside the cluster directory, deepest first. */
function unmountUnder(dir: string) {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((m) => m.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length)
  for (const m of mounts) spawnSync('umount', ['-l', m], { stdio: 'ignore' })
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
    if (process.env.WEFT_CLUSTER_TIER === '2') await tryNode(state, plane, record)
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
