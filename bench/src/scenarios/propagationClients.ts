/**
 * One client process of scenario 1 (run by propagation.ts, one per node so the client load is
 * split and kept out of the bench's own process). Connects `perDoc` clients to every document
 * on one node; from `startAtNs` (CLOCK_MONOTONIC, shared by all processes of the machine) each
 * client sets its key in the Y.Map "pings" to [node, sentAtMicros, seq] `rate` times a second.
 * Every client records, for each value it sees arrive from the other node, now − sentAt.
 * Argument: a JSON object; writes a JSON result to `out`.
 */
import { writeFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { connectClient } from '@weft/testkit'
import type * as Y from 'yjs'

interface Args {
  wsUrl: string
  node: number
  docs: string[]
  perDoc: number
  rate: number
  startAtNs: string
  warmupMs: number
  durationMs: number
  out: string
}

const args = JSON.parse(process.argv[2] as string) as Args
const nowMicros = () => Number(process.hrtime.bigint() / 1000n)
const startAt = Number(BigInt(args.startAtNs) / 1000n)
const measureFrom = startAt + args.warmupMs * 1000
const measureTo = measureFrom + args.durationMs * 1000
const cross: number[] = []
const same: number[] = []
let sent = 0

const clients = args.docs.flatMap((documentName) =>
  Array.from({ length: args.perDoc }, (_, i) => {
    const client = connectClient(args.wsUrl, documentName)
    const pings = client.doc.getMap<[number, number, number]>('pings')
    pings.observe((event: Y.YMapEvent<[number, number, number]>) => {
      const arrived = nowMicros()
      for (const key of event.keysChanged) {
        const value = pings.get(key)
        if (!value || value[1] < measureFrom || value[1] > measureTo) continue
        ;(value[0] === args.node ? same : cross).push((arrived - value[1]) / 1000)
      }
    })
    return { client, pings, key: `n${args.node}-${documentName}-${i}` }
  }),
)
await Promise.all(clients.map(({ client }) => client.synced()))
const lag = monitorEventLoopDelay({ resolution: 10 })

const waitUntil = (micros: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, (micros - nowMicros()) / 1000)))
await waitUntil(startAt)
lag.enable()
const periodMs = 1000 / args.rate
const timers = clients.map(({ client, pings, key }, index) => {
  let seq = 0
  const tick = () => {
    if (nowMicros() > measureTo) return
    pings.set(key, [args.node, nowMicros(), seq++])
    sent++
  }
  // Spread the clients over the period so the load is steady rather than in bursts.
  const offset = (index / clients.length) * periodMs
  let interval: NodeJS.Timeout | undefined
  const first = setTimeout(() => {
    tick()
    interval = setInterval(tick, periodMs)
  }, offset)
  return () => {
    clearTimeout(first)
    if (interval) clearInterval(interval)
    client.destroy()
  }
})
await waitUntil(measureTo + 1_500_000)
lag.disable()
for (const stop of timers) stop()
writeFileSync(
  args.out,
  JSON.stringify({
    node: args.node,
    clients: clients.length,
    sent,
    cross,
    same,
    clientLoopLagP99Ms: lag.percentile(99) / 1e6,
  }),
)
process.exit(0)
