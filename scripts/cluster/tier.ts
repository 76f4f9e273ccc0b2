// Which tier the cluster stage runs when nobody asked (WEFT_CLUSTER_TIER unset): tier 2 when
// everything it needs beyond Kubernetes is already cached on this machine, tier 1 otherwise —
// building CoreDNS and the images from nothing takes about half an hour on two cores, which a CI
// run cannot spend (decision 0044). The reason is printed either way.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { COREDNS_BIN } from './clusterDns.ts'
import { CACHE_ROOT, K8S_BIN } from './paths.ts'

/** Held by prepare-tier2.sh while it builds (.ci/run runs it in the background). */
export const TIER2_LOCK = join(CACHE_ROOT, '.tier2.lock')

/** The dev images and the stand-in base scripts/image builds (their default names). */
export const TIER2_IMAGES = [
  'localhost/weft-dev-redis:bookworm',
  'localhost/weft-dev-postgres:15-bookworm',
  'localhost/weft-node-base:24.21.0-bookworm',
]

const found = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0
const imageBuilt = (name: string) =>
  spawnSync('buildah', ['inspect', '--type', 'image', name], { stdio: 'ignore' }).status === 0

/** What tier 2 needs that this machine does not have yet (empty: tier 2 can run). */
export function tier2Missing(): string[] {
  const missing: string[] = []
  for (const name of ['kubelet', 'kube-proxy'])
    if (!existsSync(join(K8S_BIN, name))) missing.push(`${name} (${K8S_BIN})`)
  for (const tool of ['containerd', 'runc', 'buildah'])
    if (!found(tool)) missing.push(`${tool} (Debian package)`)
  if (!existsSync(COREDNS_BIN)) missing.push(`CoreDNS (${COREDNS_BIN})`)
  if (found('buildah'))
    for (const image of TIER2_IMAGES) if (!imageBuilt(image)) missing.push(image)
  return missing
}

/** True while prepare-tier2.sh holds its lock. */
export function tier2PrepareRunning(): boolean {
  if (!existsSync(TIER2_LOCK)) return false
  return spawnSync('flock', ['-n', TIER2_LOCK, 'true']).status === 1
}

export interface TierChoice {
  tier: 1 | 2
  reason: string
}

export function chooseTier(requested = process.env.WEFT_CLUSTER_TIER): TierChoice {
  if (requested === '1' || requested === '2')
    return { tier: Number(requested) as 1 | 2, reason: `WEFT_CLUSTER_TIER=${requested}` }
  const missing = tier2Missing()
  if (missing.length === 0)
    return { tier: 2, reason: 'CoreDNS, the kubelet and the dev images are cached on this machine' }
  const building = tier2PrepareRunning() ? ' (prepare-tier2.sh is still building them)' : ''
  return {
    tier: 1,
    reason: `tier 2 needs what is not built yet${building}: ${missing.join(', ')}; scripts/cluster/prepare-tier2.sh builds it (WEFT_CLUSTER_TIER=2 builds it first)`,
  }
}

/** Waits for prepare-tier2.sh (building this checkout's app image) so the stage does not build it twice. */
export function waitForTier2Prepare(): void {
  if (!tier2PrepareRunning()) return
  console.log('cluster: waiting for prepare-tier2.sh (the app image) to finish')
  spawnSync('flock', [TIER2_LOCK, 'true'], { stdio: 'inherit' })
}
