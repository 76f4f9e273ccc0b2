// Tier 1: etcd, kube-apiserver, kube-controller-manager and kube-scheduler on 127.0.0.1, each on a
// free port, with certificates and kubeconfigs in the cluster directory. Objects reconcile
// (Deployments make ReplicaSets and Pods, Jobs make Pods, namespaces and owners are garbage
// collected); without a kubelet the Pods stay Pending.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../../packages/testkit/src/freePort.ts'
import { waitFor } from '../../packages/testkit/src/waitFor.ts'
import { adminCredentials, apiGet, componentHealthy } from './api.ts'
import { bin } from './paths.ts'
import { Pki, writeKubeconfig } from './pki.ts'
import { isAlive, type Recorded, startProcess, tailLog } from './processes.ts'

/** Service ClusterIPs come from this private range; nothing outside the machine routes it. */
export const SERVICE_CIDR = '10.96.0.0/16'
const SERVICE_API_IP = '10.96.0.1'
const STARTUP_TIMEOUT_MS = 120_000

export interface ControlPlane {
  apiServer: string
  kubeconfig: string
  processes: Recorded[]
  pki: Pki
}

async function waitUp(p: Recorded, what: string, check: () => Promise<boolean>) {
  await waitFor(
    what,
    async () => {
      if (!isAlive(p)) throw new Error(`${p.name} exited:\n${tailLog(p)}`)
      return await check()
    },
    { timeoutMs: STARTUP_TIMEOUT_MS, intervalMs: 250 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${p.log}\n${tailLog(p)}`)
  })
}

export async function startControlPlane(
  dir: string,
  onStarted: (p: Recorded) => void,
): Promise<ControlPlane> {
  const logs = join(dir, 'logs')
  mkdirSync(logs, { recursive: true })
  const pki = new Pki(join(dir, 'pki'))
  pki.createCa()
  const sa = pki.serviceAccountKey()
  const apiCert = pki.issue('apiserver', '/CN=kube-apiserver', 'server', [
    'IP:127.0.0.1',
    `IP:${SERVICE_API_IP}`,
    'DNS:localhost',
    'DNS:kubernetes',
    'DNS:kubernetes.default',
    'DNS:kubernetes.default.svc',
    'DNS:kubernetes.default.svc.cluster.local',
  ])
  const admin = pki.issue('admin', '/O=system:masters/CN=weft-admin', 'client')
  const kcmCert = pki.issue('controller-manager', '/CN=system:kube-controller-manager', 'client')
  const schedCert = pki.issue('scheduler', '/CN=system:kube-scheduler', 'client')
  const kubeletClient = pki.issue(
    'apiserver-kubelet-client',
    '/O=kubeadm:cluster-admins/CN=kube-apiserver-kubelet-client',
    'client',
  )

  const [etcdClient, etcdPeer, apiPort, kcmPort, schedPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ])
  const apiServer = `https://127.0.0.1:${apiPort}`
  const kubeconfig = join(dir, 'admin.kubeconfig')
  writeKubeconfig(kubeconfig, apiServer, pki.ca, admin)
  const kcmKubeconfig = join(dir, 'controller-manager.kubeconfig')
  writeKubeconfig(kcmKubeconfig, apiServer, pki.ca, kcmCert)
  const schedKubeconfig = join(dir, 'scheduler.kubeconfig')
  writeKubeconfig(schedKubeconfig, apiServer, pki.ca, schedCert)
  const processes: Recorded[] = []
  const started = (p: Recorded) => {
    processes.push(p)
    onStarted(p)
    return p
  }

  const etcdUrl = `http://127.0.0.1:${etcdClient}`
  const peerUrl = `http://127.0.0.1:${etcdPeer}`
  const etcd = started(
    startProcess(
      'etcd',
      bin('etcd'),
      [
        '--name=weft-local',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=weft-local=${peerUrl}`,
        '--log-level=warn',
      ],
      logs,
    ),
  )
  await waitUp(etcd, 'etcd /health', async () => {
    const res = await fetch(`${etcdUrl}/health`).catch(() => undefined)
    return res?.ok === true
  })

  const apiserver = started(
    startProcess(
      'kube-apiserver',
      bin('kube-apiserver'),
      [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${apiCert.cert}`,
        `--tls-private-key-file=${apiCert.key}`,
        `--client-ca-file=${pki.ca}`,
        `--kubelet-client-certificate=${kubeletClient.cert}`,
        `--kubelet-client-key=${kubeletClient.key}`,
        `--service-account-key-file=${sa.pub}`,
        `--service-account-signing-key-file=${sa.key}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--authorization-mode=Node,RBAC',
        '--allow-privileged=true',
        // The node registers the bridge address as its InternalIP; its name resolves nowhere.
        '--kubelet-preferred-address-types=InternalIP',
        '--enable-priority-and-fairness=false',
        '--profiling=false',
      ],
      logs,
    ),
  )
  const creds = adminCredentials(dir, apiServer)
  await waitUp(apiserver, 'kube-apiserver /readyz', async () => {
    const res = await apiGet(creds, '/readyz').catch(() => undefined)
    return res?.status === 200
  })

  const common = (kubeconfigPath: string, port: number) => [
    `--kubeconfig=${kubeconfigPath}`,
    `--authentication-kubeconfig=${kubeconfigPath}`,
    `--authorization-kubeconfig=${kubeconfigPath}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${port}`,
    '--leader-elect=false',
  ]
  const kcm = started(
    startProcess(
      'kube-controller-manager',
      bin('kube-controller-manager'),
      [
        ...common(kcmKubeconfig, kcmPort),
        `--service-account-private-key-file=${sa.key}`,
        `--root-ca-file=${pki.ca}`,
        `--cluster-signing-cert-file=${pki.ca}`,
        `--cluster-signing-key-file=${pki.caKey}`,
        '--use-service-account-credentials=true',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
      ],
      logs,
    ),
  )
  const scheduler = started(
    startProcess('kube-scheduler', bin('kube-scheduler'), common(schedKubeconfig, schedPort), logs),
  )

  // Reconciling: the service-account controllers give the default namespace its ServiceAccount.
  await waitUp(kcm, 'the default ServiceAccount (controller-manager reconciling)', async () => {
    const res = await apiGet(creds, '/api/v1/namespaces/default/serviceaccounts/default').catch(
      () => undefined,
    )
    return res?.status === 200
  })
  await waitUp(kcm, 'kube-controller-manager /healthz', () => componentHealthy(kcmPort))
  await waitUp(scheduler, 'kube-scheduler /healthz', () => componentHealthy(schedPort))
  return { apiServer, kubeconfig, processes, pki }
}
