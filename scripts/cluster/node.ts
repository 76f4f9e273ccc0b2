// Tier 2: one node. containerd (Debian's, with its CRI plugin) in the cluster directory, a bridge
// CNI network on a private range without masquerading (pods reach this machine only), a kubelet
// on cgroup v1 (failCgroupV1: false, cgroupfs driver), kube-proxy (Services route) and CoreDNS
// (names resolve). The pod sandbox image is built here from scripts/cluster/pause (no registry is
// reachable). Returns the node's processes; the caller records them like the control plane's.
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../packages/testkit/src/freePort.ts'
import { waitFor } from '../../packages/testkit/src/waitFor.ts'
import { adminCredentials, apiGet } from './api.ts'
import { CLUSTER_DOMAIN, createBridge, startClusterDns } from './clusterDns.ts'
import { SERVICE_CIDR } from './controlPlane.ts'
import { startKubeProxy } from './kubeProxy.ts'
import { bin, CACHE_ROOT } from './paths.ts'
import { type Pki, writeKubeconfig } from './pki.ts'
import { isAlive, type Recorded, startProcess, tailLog } from './processes.ts'

export const NODE_NAME = 'weft-node'
/** Pod addresses: a private range on a bridge of this machine, never masqueraded outward. */
export const POD_CIDR = '10.244.0.0/24'
export const BRIDGE = 'weft0'
/** The bridge's own address: the pods' gateway, and where cluster DNS listens. */
export const GATEWAY_IP = '10.244.0.1'
export const PAUSE_IMAGE = 'localhost/weft-pause:1'
const here = fileURLToPath(new URL('.', import.meta.url))

function sh(command: string, args: string[], input?: string) {
  return execFileSync(command, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] })
}

/** ctr against the cluster's containerd, in the namespace the CRI plugin uses. */
export function ctr(socket: string, args: string[]) {
  return sh('ctr', ['--address', socket, '--namespace', 'k8s.io', ...args])
}

function buildPauseImage(dir: string, socket: string) {
  const out = join(CACHE_ROOT, 'pause')
  mkdirSync(out, { recursive: true })
  const binary = join(out, 'pause')
  sh('go', ['build', '-C', join(here, 'pause'), '-trimpath', '-ldflags=-s -w', '-o', binary, '.'])
  const archive = join(dir, 'pause.tar')
  const container = sh('buildah', ['from', 'scratch']).trim()
  try {
    sh('buildah', ['copy', '--quiet', container, binary, '/pause'])
    sh('buildah', ['config', '--entrypoint', '["/pause"]', '--user', '65535:65535', container])
    sh('buildah', ['commit', '--quiet', container, PAUSE_IMAGE])
  } finally {
    sh('buildah', ['rm', container])
  }
  sh('buildah', ['push', '--quiet', PAUSE_IMAGE, `oci-archive:${archive}:${PAUSE_IMAGE}`])
  ctr(socket, [
    'images',
    'import',
    '--base-name',
    PAUSE_IMAGE.split(':')[0] ?? PAUSE_IMAGE,
    archive,
  ])
}

export async function startNode(
  dir: string,
  apiServer: string,
  pki: Pki,
  onStarted: (p: Recorded) => void,
) {
  const logs = join(dir, 'logs')
  const cd = join(dir, 'containerd')
  const socket = join(cd, 'containerd.sock')
  const cniConf = join(dir, 'cni')
  mkdirSync(cniConf, { recursive: true })
  mkdirSync(cd, { recursive: true })
  writeFileSync(
    join(cd, 'config.toml'),
    [
      'version = 2',
      `root = "${join(cd, 'root')}"`,
      `state = "${join(cd, 'state')}"`,
      '[grpc]',
      `  address = "${socket}"`,
      '[ttrpc]',
      `  address = "${socket}.ttrpc"`,
      '[plugins."io.containerd.grpc.v1.cri"]',
      `  sandbox_image = "${PAUSE_IMAGE}"`,
      // This machine is itself a container: lowering a process's OOM score below containerd's
      // own is refused, and runc's init then dies ("can't get final child's PID from pipe").
      '  restrict_oom_score_adj = true',
      '  [plugins."io.containerd.grpc.v1.cri".containerd]',
      '    snapshotter = "overlayfs"',
      '    default_runtime_name = "runc"',
      '    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]',
      '      runtime_type = "io.containerd.runc.v2"',
      '  [plugins."io.containerd.grpc.v1.cri".cni]',
      '    bin_dir = "/usr/lib/cni"',
      `    conf_dir = "${cniConf}"`,
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(cniConf, '10-weft.conflist'),
    JSON.stringify({
      cniVersion: '0.4.0',
      name: 'weft',
      plugins: [
        {
          type: 'bridge',
          bridge: BRIDGE,
          isGateway: true,
          ipMasq: false,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            ranges: [[{ subnet: POD_CIDR }]],
            // Only Service ClusterIPs go through the host (where kube-proxy's rules are); no
            // default route, so pods have no way off the machine.
            routes: [{ dst: SERVICE_CIDR }],
            dataDir: join(dir, 'cni-ipam'),
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    }),
  )
  createBridge(BRIDGE, `${GATEWAY_IP}/24`)
  const containerd = startProcess(
    'containerd',
    '/usr/bin/containerd',
    ['--config', join(cd, 'config.toml')],
    logs,
  )
  onStarted(containerd)
  await waitFor(
    'containerd socket',
    () => {
      if (!isAlive(containerd)) throw new Error(`containerd exited:\n${tailLog(containerd)}`)
      try {
        ctr(socket, ['version'])
        return true
      } catch {
        return false
      }
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  )
  buildPauseImage(dir, socket)

  const serving = pki.issue('kubelet', `/CN=${NODE_NAME}`, 'server', [
    'IP:127.0.0.1',
    `IP:${GATEWAY_IP}`,
    `DNS:${NODE_NAME}`,
  ])
  const client = pki.issue(
    'kubelet-client',
    `/O=system:nodes/CN=system:node:${NODE_NAME}`,
    'client',
  )
  const kubeconfig = join(dir, 'kubelet.kubeconfig')
  writeKubeconfig(kubeconfig, apiServer, pki.ca, client)
  const [port, healthzPort] = await Promise.all([freePort(), freePort()])
  const config = join(dir, 'kubelet-config.yaml')
  writeFileSync(
    config,
    [
      'apiVersion: kubelet.config.k8s.io/v1beta1',
      'kind: KubeletConfiguration',
      'failCgroupV1: false',
      'cgroupDriver: cgroupfs',
      `containerRuntimeEndpoint: unix://${socket}`,
      // The node's address is the bridge's: an address of this machine that only the cluster
      // uses, so the API server reaches the kubelet (logs, exec) without a name to resolve.
      `address: ${GATEWAY_IP}`,
      `port: ${port}`,
      'readOnlyPort: 0',
      'healthzBindAddress: 127.0.0.1',
      `healthzPort: ${healthzPort}`,
      `tlsCertFile: ${serving.cert}`,
      `tlsPrivateKeyFile: ${serving.key}`,
      'authentication:',
      '  anonymous: { enabled: false }',
      '  webhook: { enabled: false }',
      `  x509: { clientCAFile: ${pki.ca} }`,
      'authorization: { mode: AlwaysAllow }',
      'failSwapOn: false',
      'serializeImagePulls: false',
      'evictionHard: { memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%" }',
      'imageGCHighThresholdPercent: 100',
      'imageGCLowThresholdPercent: 99',
      `podLogsDir: ${join(dir, 'pod-logs')}`,
      `podCIDR: ${POD_CIDR}`,
      'resolvConf: /etc/resolv.conf',
      `clusterDNS: [${GATEWAY_IP}]`,
      `clusterDomain: ${CLUSTER_DOMAIN}`,
      '',
    ].join('\n'),
  )
  const kubelet = startProcess(
    'kubelet',
    bin('kubelet'),
    [
      `--config=${config}`,
      `--kubeconfig=${kubeconfig}`,
      `--root-dir=${join(dir, 'kubelet')}`,
      `--hostname-override=${NODE_NAME}`,
      `--node-ip=${GATEWAY_IP}`,
      '--v=1',
    ],
    logs,
  )
  onStarted(kubelet)
  await waitFor(
    'the kubelet /healthz and a Ready node',
    async () => {
      if (!isAlive(kubelet)) throw new Error(`kubelet exited:\n${tailLog(kubelet, 40)}`)
      const healthz = await fetch(`http://127.0.0.1:${healthzPort}/healthz`).catch(() => undefined)
      if (!healthz?.ok) return false
      const res = await apiGet(
        adminCredentials(dir, apiServer),
        `/api/v1/nodes/${NODE_NAME}`,
      ).catch(() => undefined)
      if (res?.status !== 200) return false
      const node = JSON.parse(res.body) as {
        status?: { conditions?: { type: string; status: string }[] }
      }
      return (
        node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true
      )
    },
    { timeoutMs: 180_000, intervalMs: 1_000 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${kubelet.log}\n${tailLog(kubelet, 40)}`)
  })
  const proxy = await startKubeProxy(dir, apiServer, pki, NODE_NAME, POD_CIDR, onStarted)
  const dns = await startClusterDns(dir, join(dir, 'admin.kubeconfig'), GATEWAY_IP, onStarted)
  return { socket, kubelet, containerd, proxy, dns }
}
