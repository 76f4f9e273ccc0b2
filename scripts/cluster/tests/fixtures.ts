// What the scenarios expect the platform to provide: the CRDs of the optional objects and the
// Secrets named by existingSecret (as External Secrets or a platform team would create them).
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eventually, kubectl, kubectlResult } from './kube.ts'

const here = fileURLToPath(new URL('.', import.meta.url))
export const CHART = join(here, '..', '..', '..', 'charts', 'weft')

export async function installCrds() {
  const files = execFileSync(join(here, '..', 'crds.sh'), { encoding: 'utf8' })
    .trim()
    .split('\n')
  for (const file of files) await kubectl(['apply', '--server-side', '-f', file])
  for (const crd of [
    'httproutes.gateway.networking.k8s.io',
    'servicemonitors.monitoring.coreos.com',
    'prometheusrules.monitoring.coreos.com',
  ]) {
    await kubectl(['wait', '--for=condition=Established', `crd/${crd}`, '--timeout=120s'])
  }
  // Discovery catches up a moment after Established.
  await eventually(
    'CRD kinds discoverable',
    async () =>
      (await kubectlResult(['get', 'servicemonitors,prometheusrules,httproutes', '-A'])).code === 0,
  )
}

/** The Secrets the ci/ scenarios name, with both the default and the custom key names. */
export async function installSecrets(
  ns: string,
  databaseUrl = 'postgresql://weft:weft@postgres:5432/weft',
  redisUrl = 'redis://redis:6379',
) {
  const secret = (name: string, pairs: Record<string, string>) =>
    kubectl([
      'create',
      'secret',
      'generic',
      name,
      '-n',
      ns,
      ...Object.entries(pairs).map(([k, v]) => `--from-literal=${k}=${v}`),
    ])
  await secret('weft-auth', {
    'auth-secret': 'cluster-test-auth-secret-0123456789',
    'jwt-hs256': 'cluster-test-auth-secret-0123456789',
  })
  await secret('weft-postgres', { 'database-url': databaseUrl, uri: databaseUrl })
  await secret('weft-redis', { 'redis-url': redisUrl, uri: redisUrl })
}
