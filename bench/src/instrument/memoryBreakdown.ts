/**
 * Where a process's resident memory is, for finding what RSS holds beyond live objects: V8's
 * heap spaces (committed against used: a young generation grown during a burst, old-space
 * pages kept after one), and the process's mappings from /proc/self/smaps, split into what V8
 * has committed, the malloc heap (`[heap]`, glibc's main arena), other anonymous memory (glibc's
 * thread arenas, Node's and libuv's native allocations, ArrayBuffer stores) and file-backed
 * pages (the node binary and libraries). Read on the process's own stats endpoint.
 */
import { readFileSync } from 'node:fs'
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8'

const MB = 2 ** 20
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10

export interface MemoryBreakdown {
  rssMB: number
  /** Per V8 space: committed (physical) and used MB. */
  spaces: Record<string, { committedMB: number; usedMB: number }>
  v8CommittedMB: number
  v8UsedMB: number
  /** V8's own malloc'ed memory (parser, compiler zones): outside the heap spaces. */
  v8MallocedMB: number
  /** Resident anonymous memory in the brk heap (glibc's main arena). */
  mallocHeapMB: number
  /** Resident anonymous memory elsewhere: V8's pages, glibc's thread arenas, native stores. */
  otherAnonMB: number
  /** Resident anonymous memory in mappings of 64 MB regions (glibc thread arenas), by count. */
  arenaLikeMB: number
  arenaLikeCount: number
  fileBackedMB: number
}

interface Mapping {
  start: number
  end: number
  name: string
  rss: number
  anonymous: number
}

function mappings(): Mapping[] {
  const result: Mapping[] = []
  let current: Mapping | undefined
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const header = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line)
    if (header) {
      current = {
        start: Number.parseInt(header[1] as string, 16),
        end: Number.parseInt(header[2] as string, 16),
        name: header[3] ?? '',
        rss: 0,
        anonymous: 0,
      }
      result.push(current)
      continue
    }
    const field = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line)
    if (field && current) {
      if (field[1] === 'Rss') current.rss = Number(field[2]) * 1024
      else current.anonymous = Number(field[2]) * 1024
    }
  }
  return result
}

/**
 * glibc maps each thread arena as one 64 MB-aligned region (HEAP_MAX_SIZE) whose used part is
 * read-write and the rest PROT_NONE: two adjacent anonymous mappings starting on a 64 MB boundary.
 */
const ARENA = 64 * MB

export function memoryBreakdown(): MemoryBreakdown {
  const spaces: MemoryBreakdown['spaces'] = {}
  let committed = 0
  let used = 0
  for (const space of getHeapSpaceStatistics()) {
    spaces[space.space_name] = {
      committedMB: mb(space.physical_space_size),
      usedMB: mb(space.space_used_size),
    }
    committed += space.physical_space_size
    used += space.space_used_size
  }
  let mallocHeap = 0
  let otherAnon = 0
  let fileBacked = 0
  let arenaLike = 0
  let arenaLikeCount = 0
  for (const map of mappings()) {
    if (map.name === '[heap]') mallocHeap += map.anonymous
    else if (map.name === '' || map.name.startsWith('[anon')) {
      otherAnon += map.anonymous
      if (map.start % ARENA === 0 && map.end - map.start <= ARENA) {
        arenaLike += map.anonymous
        arenaLikeCount++
      }
    } else if (!map.name.startsWith('[')) fileBacked += map.rss - map.anonymous
  }
  return {
    rssMB: mb(process.memoryUsage().rss),
    spaces,
    v8CommittedMB: mb(committed),
    v8UsedMB: mb(used),
    v8MallocedMB: mb(getHeapStatistics().malloced_memory),
    mallocHeapMB: mb(mallocHeap),
    otherAnonMB: mb(otherAnon),
    arenaLikeMB: mb(arenaLike),
    arenaLikeCount,
    fileBackedMB: mb(fileBacked),
  }
}
