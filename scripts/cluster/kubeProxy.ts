// Tier 2: kube-proxy in iptables mode, so Service ClusterIPs route to their pods, from pods (over
// the bridge, br_netfilter on) and from this machine (the nat OUTPUT chain). It writes only
// kube-proxy's own chains (KUBE-SERVICES, KUBE-SVC-*, KUBE-SEP-*, KUBE-POSTROUTING, ...); `down`
// runs `kube-proxy --cleanup` after stopping it, which removes exactly those. It touches no sysctl:
// conntrack sizes and timeouts stay the machine's (maxPerCore 0, timeouts 0s), and
// localhostNodePorts is off (no route_localnet).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../../packages/testkit/src/freePort.ts'
import { waitFor } from '../../packages/testkit/src/waitFor.ts'
import { bin } from './paths.ts'
import { type Pki, writeKubeconfig } from './pki.ts'
import { isAlive, type Recorded, startProcess, tailLog } from './processes.ts'

/** The command `down` runs once kube-proxy has stopped. */
export const KUBE_PROXY_CLEANUP = [bin('kube-proxy'), '--cleanup']

export async function startKubeProxy(
  dir: string,
  apiServer: string,
  pki: Pki,
  nodeName: string,
  podCidr: string,
  onStarted: (p: Recorded) => void,
) {
  // The bootstrap RBAC binds ClusterRole system:node-proxier to the user system:kube-proxy.
  const client = pki.issue('kube-proxy', '/CN=system:kube-proxy', 'client')
  const kubeconfig = join(dir, 'kube-proxy.kubeconfig')
  writeKubeconfig(kubeconfig, apiServer, pki.ca, client)
  const [healthzPort, metricsPort] = await Promise.all([freePort(), freePort()])
  const config = join(dir, 'kube-proxy-config.yaml')
  writeFileSync(
    config,
    [
      'apiVersion: kubeproxy.config.k8s.io/v1alpha1',
      'kind: KubeProxyConfiguration',
      'mode: iptables',
      'clientConnection:',
      `  kubeconfig: ${kubeconfig}`,
      `hostnameOverride: ${nodeName}`,
      `clusterCIDR: ${podCidr}`,
      'bindAddress: 127.0.0.1',
      `healthzBindAddress: 127.0.0.1:${healthzPort}`,
      `metricsBindAddress: 127.0.0.1:${metricsPort}`,
      'conntrack:',
      '  maxPerCore: 0',
      '  min: 0',
      '  tcpEstablishedTimeout: 0s',
      '  tcpCloseWaitTimeout: 0s',
      'iptables:',
      '  localhostNodePorts: false',
      '',
    ].join('\n'),
  )
  const proxy = startProcess(
    'kube-proxy',
    bin('kube-proxy'),
    [`--config=${config}`, '--v=1'],
    join(dir, 'logs'),
  )
  onStarted(proxy)
  // /healthz answers 200 once the first full sync of the rules has been written.
  await waitFor(
    'kube-proxy /healthz (rules synced)',
    async () => {
      if (!isAlive(proxy)) throw new Error(`kube-proxy exited:\n${tailLog(proxy, 40)}`)
      const res = await fetch(`http://127.0.0.1:${healthzPort}/healthz`).catch(() => undefined)
      return res?.status === 200
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${proxy.log}\n${tailLog(proxy, 40)}`)
  })
  return proxy
}
