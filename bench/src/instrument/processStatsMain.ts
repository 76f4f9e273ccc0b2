/**
 * Loaded by processStats.ts on the main thread of every node process the bench starts (ours and
 * the references) when BENCH_STATS_PORT is set: a loopback HTTP endpoint with the process's own figures, so the bench
 * reads the same numbers from every server whatever it is built on.
 *
 * GET /stats[?gc=1][&reset=1] → { rss, heapUsed, heapTotal, external, arrayBuffers, documents,
 * connections, gc: { minor, major, other: { count, ms } }, loopLagMs: { p50, p99, max, mean } }. `gc=1` runs a full garbage collection first (for memory
 * per document), `reset=1` restarts the event-loop lag histogram after reading it. Lag is the
 * delay beyond the 10 ms sampling timer (the raw histogram includes the 10 ms).
 * GET /profile/start and /profile/stop?file=<path> take a V8 CPU profile of just that window
 * (node:inspector in this process), for finding what a node does while the bench watches it.
 * GET /heap-snapshot?file=<path> writes a V8 heap snapshot there (after a full collection), for
 * finding what a node's memory is made of (summarise it with heapSummary.ts). GET /memory[?gc=1]
 * → where the RSS is (memoryBreakdown.ts: V8's spaces committed and used, malloc, file-backed). `documents`
 * counts the documents the server holds and `connections` its document connections: Hocuspocus
 * instances are found by wrapping `Hocuspocus.prototype.createDocument`; a server that is not
 * Hocuspocus sets `globalThis.__benchDocuments` and `__benchConnections` (and BENCH_STATS_NOT_HOCUSPOCUS=1, so that this file does not
 * load Hocuspocus, and its Yjs, into that process).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { Session } from 'node:inspector/promises'
import { findPackageJSON } from 'node:module'
import { dirname, join } from 'node:path'
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { memoryBreakdown } from './memoryBreakdown.ts'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

type Counted = { documents: Map<string, unknown>; getConnectionsCount(): number }
const instances = new Set<Counted>()
/**
 * The `@hocuspocus/server` the node itself imports, resolved from its main script: a scratch copy
 * (`weft-scratch`) whose `node_modules` links into another checkout loads its own copy of the
 * module, whose instances a copy resolved from here would never see (its documents counted 0).
 */
function hocuspocusEntry(): string {
  const main = process.argv[1]
  if (!main) return '@hocuspocus/server'
  const manifest = findPackageJSON('@hocuspocus/server', pathToFileURL(main))
  if (!manifest) return '@hocuspocus/server'
  const exports = JSON.parse(readFileSync(manifest, 'utf8')).exports
  return pathToFileURL(join(dirname(manifest), exports.default.import)).href
}

if (!process.env.BENCH_STATS_NOT_HOCUSPOCUS) {
  const { Hocuspocus } = (await import(hocuspocusEntry())) as typeof import('@hocuspocus/server')
  type Creating = { createDocument(...args: unknown[]): unknown }
  const proto = Hocuspocus.prototype as unknown as Creating
  const createDocument = proto.createDocument
  proto.createDocument = function (this: Counted, ...args: unknown[]) {
    instances.add(this)
    return createDocument.apply(this, args)
  }
}

/** Garbage collections since the process started, by kind: how many and their pause time. */
const gcTotals = {
  minor: { count: 0, ms: 0 },
  major: { count: 0, ms: 0 },
  other: { count: 0, ms: 0 },
}
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind
    const total =
      kind === constants.NODE_PERFORMANCE_GC_MINOR
        ? gcTotals.minor
        : kind === constants.NODE_PERFORMANCE_GC_MAJOR
          ? gcTotals.major
          : gcTotals.other
    total.count++
    total.ms += entry.duration
  }
}).observe({ entryTypes: ['gc'] })

const RESOLUTION_MS = 10
const lag = monitorEventLoopDelay({ resolution: RESOLUTION_MS })
lag.enable()
// The histogram records the whole interval of its 10 ms timer; the lag is what exceeds it.
const lagMs = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS)

function documents(): number {
  const own = (globalThis as { __benchDocuments?: () => number }).__benchDocuments
  if (own) return own()
  let count = 0
  for (const instance of instances) count += instance.documents.size
  return count
}

let profiler: Session | undefined

let sampler: Session | undefined

/**
 * GET /alloc/start and /alloc/stop?file=<path>: V8's sampling heap profiler over a window,
 * counting what was allocated there including what the collector has already freed (for
 * finding what allocates while a node is idle).
 */
async function allocations(url: URL): Promise<unknown> {
  if (url.pathname === '/alloc/start') {
    sampler = new Session()
    sampler.connect()
    await sampler.post('HeapProfiler.enable')
    await sampler.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    })
    return { sampling: true }
  }
  if (!sampler) return { sampling: false }
  const { profile: result } = await sampler.post('HeapProfiler.stopSampling')
  sampler.disconnect()
  sampler = undefined
  writeFileSync(url.searchParams.get('file') as string, JSON.stringify(result))
  return { written: url.searchParams.get('file') }
}

async function profile(url: URL): Promise<unknown> {
  if (url.pathname === '/profile/start') {
    profiler = new Session()
    profiler.connect()
    await profiler.post('Profiler.enable')
    await profiler.post('Profiler.start')
    return { profiling: true }
  }
  if (!profiler) return { profiling: false }
  const { profile: result } = await profiler.post('Profiler.stop')
  profiler.disconnect()
  profiler = undefined
  writeFileSync(url.searchParams.get('file') as string, JSON.stringify(result))
  return { written: url.searchParams.get('file') }
}

function connections(): number {
  const own = (globalThis as { __benchConnections?: () => number }).__benchConnections
  if (own) return own()
  let count = 0
  for (const instance of instances) count += instance.getConnectionsCount()
  return count
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1')
  if (url.pathname.startsWith('/profile/') || url.pathname.startsWith('/alloc/')) {
    void (url.pathname.startsWith('/alloc/') ? allocations(url) : profile(url)).then((body) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(JSON.stringify(body))
    })
    return
  }
  if (url.searchParams.get('gc') === '1') {
    gc()
    gc()
  }
  if (url.pathname === '/heap-snapshot') {
    gc()
    const written = writeHeapSnapshot(url.searchParams.get('file') as string)
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify({ written }))
    return
  }
  if (url.pathname === '/memory') {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(JSON.stringify(memoryBreakdown()))
    return
  }
  const memory = process.memoryUsage()
  const body = {
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    documents: documents(),
    connections: connections(),
    gc: gcTotals,
    loopLagMs: {
      p50: lagMs(lag.percentile(50)),
      p99: lagMs(lag.percentile(99)),
      max: lagMs(lag.max),
      mean: lagMs(lag.mean),
    },
  }
  if (url.searchParams.get('reset') === '1') lag.reset()
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
})
server.listen(Number(process.env.BENCH_STATS_PORT), '127.0.0.1')
server.unref()
