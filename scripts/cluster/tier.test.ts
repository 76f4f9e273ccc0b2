// The cluster stage's tier choice (tier.ts) on a machine whose caches are empty: tier 1, saying
// what tier 2 would need; and WEFT_CLUSTER_TIER wins either way. The caches are moved to an empty
// temp dir with WEFT_K8S_CACHE (read when paths.ts loads, hence a child process).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const tierModule = fileURLToPath(new URL('./tier.ts', import.meta.url))

function choice(env: Record<string, string | undefined>) {
  const cache = mkdtempSync(join(tmpdir(), 'weft-tier-test-'))
  const { WEFT_CLUSTER_TIER: _unset, ...base } = process.env
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { chooseTier } = await import(${JSON.stringify(tierModule)}); console.log(JSON.stringify(chooseTier()))`,
    ],
    { encoding: 'utf8', env: { ...base, WEFT_K8S_CACHE: cache, ...env } },
  )
  assert.equal(result.status, 0, result.stderr)
  return JSON.parse(result.stdout) as { tier: number; reason: string }
}

test('with nothing cached the stage runs tier 1 and names what tier 2 lacks', () => {
  const { tier, reason } = choice({})
  assert.equal(tier, 1)
  assert.match(reason, /kubelet/)
  assert.match(reason, /CoreDNS/)
  assert.match(reason, /prepare-tier2\.sh/)
})

test('WEFT_CLUSTER_TIER picks the tier whatever is cached', () => {
  assert.deepEqual(choice({ WEFT_CLUSTER_TIER: '2' }), {
    tier: 2,
    reason: 'WEFT_CLUSTER_TIER=2',
  })
  assert.equal(choice({ WEFT_CLUSTER_TIER: '1' }).tier, 1)
})
