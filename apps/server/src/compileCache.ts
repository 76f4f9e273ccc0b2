/**
 * Node runs the node's TypeScript by stripping its types as each module loads, with a
 * WebAssembly build of swc that it loads on the first `.ts` file and whose memory only grows:
 * ≈ 25 MB of RSS for as long as the process lives, for work that is the same on every start.
 * With `NODE_COMPILE_CACHE` set, Node keeps each module's stripped source (and V8's code for
 * it) in that directory and, when every module is found there, never loads the stripper at all
 * (decision 0211). The image sets the variable and fills the directory when it is built, with
 * `node apps/server/src/main.ts --warm-compile-cache`, because its root filesystem is read-only
 * where it runs.
 */
import { flushCompileCache } from 'node:module'
import { FoldWorker } from './persistence/FoldWorker.ts'

export const WARM_FLAG = '--warm-compile-cache'

/**
 * Called by main.ts when started with `WARM_FLAG`, once every module it imports is loaded (and
 * so transpiled into the cache). The compaction thread's modules load in a worker on the first
 * fold; one empty fold on that thread puts them in the cache too. Rejects if the thread failed,
 * so that an image whose cache would miss them does not build.
 */
export async function warmCompileCache(): Promise<void> {
  let failure: Error | undefined
  const folds = new FoldWorker({
    onThreadFailure: (error) => {
      failure = error
    },
  })
  try {
    await folds.fold(null, [new Uint8Array([0, 0])])
  } finally {
    await folds.close()
  }
  if (failure) throw failure
  flushCompileCache()
}
