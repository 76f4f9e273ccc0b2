/**
 * From per-update costs measured at a few node counts on one machine, what a fleet on separate
 * machines would do. An update costs the node its client sent it to `ingest` CPU (decode, apply,
 * journal, batch for Postgres, publish) and every other node holding the document `peer` CPU
 * (apply what Redis delivered, broadcast to its clients); with every document open on all n
 * nodes the fleet spends T(n) = ingest + (n − 1) · peer per update, which a least-squares line
 * through the measured T(n) gives. Redis's cost per update grows with the subscribers of a
 * document's channel (one output per node holding it), fitted the same way; Postgres's does not
 * depend on n (each update is written once, by the node that received it).
 */

export interface MeasuredPoint {
  nodes: number
  /** All node processes' CPU seconds per update, summed. */
  fleetCpuSecPerUpdate: number
  redisCpuSecPerUpdate: number
  postgresCpuSecPerUpdate: number
}

/** Least-squares a + b·x through the points (b = 0 with one point). */
export function fitLine(points: [number, number][]): { a: number; b: number } {
  const n = points.length
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0)
  const b = sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx
  return { a: my - b * mx, b }
}

export interface Projection {
  nodes: number
  /** Every document open on every node: each node's single core caps the fleet at n / T(n). */
  nodesLimitAllShared: number
  /** Each document on 2 nodes (clients spread over the fleet by document): n / (ingest + peer). */
  nodesLimitPairs: number
  /** One Redis thread at 100 %: 1 / r(subscribers per channel). */
  redisLimitAllShared: number
  redisLimitPairs: number
  /** Postgres with `postgresCores` cores at 100 %. */
  postgresLimit: number
  limitAllShared: string
  limitPairs: string
}

export function project(
  measured: MeasuredPoint[],
  nodeCounts: number[],
  postgresCores: number,
): { ingest: number; peer: number; redis0: number; redisPerPeer: number; rows: Projection[] } {
  const cpu = fitLine(measured.map((m) => [m.nodes - 1, m.fleetCpuSecPerUpdate]))
  const redis = fitLine(measured.map((m) => [m.nodes - 1, m.redisCpuSecPerUpdate]))
  const postgres =
    measured.reduce((s, m) => s + m.postgresCpuSecPerUpdate, 0) / Math.max(1, measured.length)
  const ingest = cpu.a
  // A peer costs at least something; a noisy fit on a loaded machine must not make it free.
  const peer = Math.max(cpu.b, 1e-7)
  const redisAt = (subscribers: number) => Math.max(redis.a + redis.b * (subscribers - 1), 1e-7)
  const rows = nodeCounts.map((n) => {
    const nodesAll = n / (ingest + (n - 1) * peer)
    const nodesPairs = n === 1 ? 1 / ingest : n / (ingest + peer)
    const redisAll = 1 / redisAt(n)
    const redisPairs = 1 / redisAt(Math.min(n, 2))
    const postgresLimit = postgresCores / postgres
    const limit = (parts: [string, number][]) =>
      parts.reduce((min, part) => (part[1] < min[1] ? part : min))[0]
    return {
      nodes: n,
      nodesLimitAllShared: nodesAll,
      nodesLimitPairs: nodesPairs,
      redisLimitAllShared: redisAll,
      redisLimitPairs: redisPairs,
      postgresLimit,
      limitAllShared: limit([
        ['nodes', nodesAll],
        ['redis', redisAll],
        ['postgres', postgresLimit],
      ]),
      limitPairs: limit([
        ['nodes', nodesPairs],
        ['redis', redisPairs],
        ['postgres', postgresLimit],
      ]),
    }
  })
  return { ingest, peer, redis0: redis.a, redisPerPeer: redis.b, rows }
}
