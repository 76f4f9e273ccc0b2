// Tier 2: cluster DNS. CoreDNS (scripts/cluster/build-coredns.sh) runs as a process of this
// machine, not as a Pod: pods cannot reach the API server (it listens on 127.0.0.1 only, and the
// `kubernetes` Service's endpoint is that loopback address), and the host process reads the API
// with a kubeconfig like every other component. It listens on the pod bridge's gateway address
// (10.244.0.1:53, a private address of this machine that only the cluster's pods use), which the
// kubelet hands to every ClusterFirst pod as its nameserver. The bridge is created here, before
// the first pod, so the address exists when CoreDNS binds it; the CNI bridge plugin adopts it.
import { execFileSync } from 'node:child_process'
import { Resolver } from 'node:dns/promises'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { freePort } from '../../packages/testkit/src/freePort.ts'
import { waitFor } from '../../packages/testkit/src/waitFor.ts'
import { CACHE_ROOT } from './paths.ts'
import { isAlive, type Recorded, startProcess, tailLog } from './processes.ts'

export const COREDNS_VERSION = process.env.COREDNS_VERSION ?? 'v1.15.0'
export const COREDNS_BIN = join(CACHE_ROOT, 'coredns', COREDNS_VERSION, 'coredns')
export const CLUSTER_DOMAIN = 'cluster.local'

/** The bridge the CNI config names, with the gateway address CoreDNS binds. */
export function createBridge(bridge: string, gatewayCidr: string) {
  const ip = (args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    ip(['link', 'show', bridge])
  } catch {
    ip(['link', 'add', bridge, 'type', 'bridge'])
  }
  const addresses = execFileSync('ip', ['-o', '-4', 'addr', 'show', 'dev', bridge], {
    encoding: 'utf8',
  })
  if (!addresses.includes(` ${gatewayCidr} `)) ip(['addr', 'add', gatewayCidr, 'dev', bridge])
  ip(['link', 'set', bridge, 'up'])
}

export async function startClusterDns(
  dir: string,
  kubeconfig: string,
  listenIp: string,
  onStarted: (p: Recorded) => void,
) {
  const readyPort = await freePort()
  const corefile = join(dir, 'Corefile')
  // No forward plugin: nothing outside the machine is reachable, so other names fail at once.
  writeFileSync(
    corefile,
    [
      '.:53 {',
      `    bind ${listenIp}`,
      `    ready 127.0.0.1:${readyPort}`,
      '    errors',
      '    cache 5',
      `    kubernetes ${CLUSTER_DOMAIN} in-addr.arpa ip6.arpa {`,
      `        kubeconfig ${kubeconfig}`,
      '        pods insecure',
      '        fallthrough in-addr.arpa ip6.arpa',
      '        ttl 5',
      '    }',
      '}',
      '',
    ].join('\n'),
  )
  const dns = startProcess('coredns', COREDNS_BIN, ['-conf', corefile], join(dir, 'logs'))
  onStarted(dns)
  const resolver = new Resolver({ timeout: 2_000, tries: 1 })
  resolver.setServers([listenIp])
  await waitFor(
    'CoreDNS ready and answering kubernetes.default',
    async () => {
      if (!isAlive(dns)) throw new Error(`coredns exited:\n${tailLog(dns, 40)}`)
      const ready = await fetch(`http://127.0.0.1:${readyPort}/ready`).catch(() => undefined)
      if (ready?.status !== 200) return false
      const answers = await resolver
        .resolve4(`kubernetes.default.svc.${CLUSTER_DOMAIN}`)
        .catch(() => [])
      return answers.length > 0
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- ${dns.log}\n${tailLog(dns, 40)}`)
  })
  return dns
}
