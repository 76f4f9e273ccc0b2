/**
 * The image runs our node with NODE_COMPILE_CACHE filled when the image is built, so that Node
 * never loads its TypeScript stripper (≈ 25 MB of RSS a node, decision 0211). The bench runs ours
 * the same way: one directory, filled by `main.ts --warm-compile-cache` with the node's own
 * NODE_OPTIONS before the first node starts (the bench's `--import` preloads are TypeScript too).
 * Node keys each entry by the file's path and content, so the directory is shared by every run
 * and worktree and never serves a stale module. `--set compileCache=0` runs ours without it, as
 * `npm run server` does; main's code as `weft-scratch` (which has no warm flag) always does.
 */
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT } from '@weft/testkit'

const DIRECTORY = join(tmpdir(), 'weft-bench-compile-cache')
const warmed = new Set<string>()

/** The directory for NODE_COMPILE_CACHE, filled for a node started with `nodeOptions`. */
export function warmedCompileCache(nodeOptions: string): string {
  if (warmed.has(nodeOptions)) return DIRECTORY
  const run = spawnSync(
    process.execPath,
    [join(REPO_ROOT, 'apps', 'server', 'src', 'main.ts'), '--warm-compile-cache'],
    {
      cwd: REPO_ROOT,
      // The stats preload listens on BENCH_STATS_PORT: any free port for this short run.
      env: {
        ...process.env,
        NODE_OPTIONS: nodeOptions,
        NODE_COMPILE_CACHE: DIRECTORY,
        BENCH_STATS_PORT: '0',
      },
      encoding: 'utf8',
    },
  )
  if (run.status !== 0)
    throw new Error(`warming the compile cache failed (${run.status}): ${run.stderr}`)
  warmed.add(nodeOptions)
  return DIRECTORY
}
