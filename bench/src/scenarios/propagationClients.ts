/**
 * One client process of scenarios 1 and 9 (run by propagation.ts and gridBursts.ts, one per node
 * so the client load is split and kept out of the bench's own process). Connects `perDoc`
 * clients to every document on one node; from `startAtNs` (CLOCK_MONOTONIC, shared by all
 * processes of the machine) each client writes `rate` times a second a value
 * [node, sentAtMicros, seq, ...payload]:
 *  - `pings` (scenario 1): its own key of the Y.Map "pings";
 *  - `grid` (scenario 9): even clients set a random cell of a `gridSize`² grid in the Y.Map
 *    "cells", odd clients move one of `shapes` shapes (its whole box, as canvas-model writes
 *    it) in the Y.Map "shapes" — keys collide, as on a shared board.
 * Every client records, for each value it sees arrive, now − sentAt (cross-node or same-node).
 * After the run every document's content is digested per client, so the parent can check that
 * all clients of both nodes converged. Arguments: a JSON file (clientProcess.ts); writes a JSON
 * result to `out`.
 */
import { createHash } from 'node:crypto'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { childArgs, connectMany, finish, nowMicros, waitUntilMicros } from '../clientProcess.ts'
import type { Protocol } from '../fleets.ts'

interface Args {
  protocol: Protocol
  wsUrl: string
  node: number
  docs: string[]
  perDoc: number
  rate: number
  workload?: 'pings' | 'grid'
  gridSize?: number
  shapes?: number
  startAtNs: string
  warmupMs: number
  durationMs: number
}

type Value = [number, number, number, ...number[]]
const args = childArgs<Args>()
const workload = args.workload ?? 'pings'
const gridSize = args.gridSize ?? 50
const shapeCount = args.shapes ?? 20
const startAt = Number(BigInt(args.startAtNs) / 1000n)
const measureFrom = startAt + args.warmupMs * 1000
const measureTo = measureFrom + args.durationMs * 1000
const cross: number[] = []
const same: number[] = []
let sent = 0

const names = args.docs.flatMap((documentName) =>
  Array.from({ length: args.perDoc }, () => documentName),
)
const clients = await connectMany(args.protocol, [args.wsUrl], names, { batch: 50 })
const MAPS = workload === 'pings' ? ['pings'] : ['cells', 'shapes']
const setups = clients.map((client, index) => {
  for (const mapName of MAPS) {
    const map = client.doc.getMap<Value>(mapName)
    map.observe((event: Y.YMapEvent<Value>) => {
      // A client's own writes are not deliveries.
      if (event.transaction.local) return
      const arrived = nowMicros()
      for (const key of event.keysChanged) {
        const value = map.get(key)
        if (!value || value[1] < measureFrom || value[1] > measureTo) continue
        ;(value[0] === args.node ? same : cross).push((arrived - value[1]) / 1000)
      }
    })
  }
  const key = `n${args.node}-${names[index]}-${index}`
  let seq = 0
  const write = () => {
    const now = nowMicros()
    if (workload === 'pings') {
      client.doc.getMap<Value>('pings').set(key, [args.node, now, seq++])
    } else if (index % 2 === 0) {
      const cell = `r${Math.floor(Math.random() * gridSize)}c${Math.floor(Math.random() * gridSize)}`
      client.doc.getMap<Value>('cells').set(cell, [args.node, now, seq++, index])
    } else {
      const shape = `shape-${Math.floor(Math.random() * shapeCount)}`
      const [x, y] = [Math.round(Math.random() * 2000), Math.round(Math.random() * 1000)]
      client.doc.getMap<Value>('shapes').set(shape, [args.node, now, seq++, x, y, 120, 80])
    }
    sent++
  }
  return { client, write }
})
const lag = monitorEventLoopDelay({ resolution: 10 })

await waitUntilMicros(startAt)
lag.enable()
const periodMs = 1000 / args.rate
const timers = setups.map(({ write }, index) => {
  const tick = () => {
    if (nowMicros() <= measureTo) write()
  }
  // Spread the clients over the period so the load is steady rather than in bursts.
  const offset = (index / setups.length) * periodMs
  let interval: NodeJS.Timeout | undefined
  const first = setTimeout(() => {
    tick()
    interval = setInterval(tick, periodMs)
  }, offset)
  return () => {
    clearTimeout(first)
    if (interval) clearInterval(interval)
  }
})
await waitUntilMicros(measureTo + 1_500_000)
lag.disable()
for (const stop of timers) stop()
// Let the last writes arrive everywhere before digesting what each client holds.
await waitUntilMicros(measureTo + 4_000_000)
const digests: Record<string, string[]> = {}
setups.forEach(({ client }, index) => {
  const content = MAPS.map((name) => {
    const map = client.doc.getMap(name).toJSON()
    return JSON.stringify(
      Object.keys(map)
        .sort()
        .map((key) => [key, map[key]]),
    )
  }).join('\n')
  const name = names[index] as string
  digests[name] ??= []
  ;(digests[name] as string[]).push(createHash('sha1').update(content).digest('hex'))
})
for (const { client } of setups) client.destroy()
finish(args, {
  node: args.node,
  clients: clients.length,
  sent,
  cross,
  same,
  digests,
  clientLoopLagP99Ms: lag.percentile(99) / 1e6,
})
