/**
 * The preload the bench gives every node process (`--import`, fleets.ts). Node runs NODE_OPTIONS
 * preloads in every worker thread too, and the stats endpoint (processStatsMain.ts) belongs to
 * the process: a second copy in a thread (the node's compaction fold thread, decision 0196) would
 * listen on the same port, throw, and end that thread. So it starts on the main thread only.
 */
import { isMainThread } from 'node:worker_threads'

if (isMainThread) await import('./processStatsMain.ts')
