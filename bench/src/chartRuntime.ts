/**
 * The runtime settings the Helm chart gives a server node's process by default
 * (charts/weft/values.yaml: `server.nodeOptions` → NODE_OPTIONS, `server.mallocArenaMax` →
 * MALLOC_ARENA_MAX; decision 0207), read from the chart so that the bench's nodes run as a
 * default pod does whatever this machine's memory (Node sizes V8's young generation from it).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@weft/testkit'
import { parse } from 'yaml'

export interface ChartRuntime {
  nodeOptions: string
  mallocArenaMax: number
}

export function chartRuntime(): ChartRuntime {
  const values = parse(readFileSync(join(REPO_ROOT, 'charts', 'weft', 'values.yaml'), 'utf8'))
  return {
    nodeOptions: String(values.server?.nodeOptions ?? ''),
    mallocArenaMax: Number(values.server?.mallocArenaMax ?? 0),
  }
}
