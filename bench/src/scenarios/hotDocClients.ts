/**
 * One client process of scenario 3 (run by hotDoc.ts): `count` clients on the one hot document,
 * of which `measurers` are full providers (Y.Doc, decoding everything) and the rest light
 * receivers (lightClients.ts: the server sends them the same, they only count bytes); the first
 * `typists` of the providers type. From the common start time each typist, `rate` times a
 * second, inserts a character into the Y.Text "text" and, in the same transaction (one update),
 * sets its key of the Y.Map "pings" to [process, sentAtMicros, seq]. Every client records
 * now − sentAt for each ping of another client it receives, overall and per second of the run
 * (to see whether a backlog grows). Arguments: a JSON file (clientProcess.ts); writes a JSON
 * result to `out`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type * as Y from 'yjs'
import {
  childArgs,
  connectMany,
  finish,
  nowMicros,
  readyThenGo,
  waitUntilMicros,
} from '../clientProcess.ts'
import type { Protocol } from '../fleets.ts'
import { connectLightPeer, type LightPeer } from '../lightClients.ts'

interface Args {
  protocol: Protocol
  wsUrl: string
  doc: string
  count: number
  measurers: number
  typists: number
  proc: number
  rate: number
  warmupMs: number
  durationMs: number
}

type Ping = [number, number, number]
const args = childArgs<Args>()
const clients = await connectMany(
  args.protocol,
  [args.wsUrl],
  Array.from({ length: Math.max(args.measurers, args.typists) }, () => args.doc),
  { batch: 50 },
)
const light: LightPeer[] = []
for (let i = clients.length; i < args.count; i += 50) {
  const batch = Array.from({ length: Math.min(50, args.count - i) }, () =>
    connectLightPeer(args.protocol, args.wsUrl, args.doc),
  )
  await Promise.all(batch.map((receiver) => receiver.joined))
  light.push(...batch)
}
const startAt = await readyThenGo()
const measureFrom = startAt + args.warmupMs * 1000
const measureTo = measureFrom + args.durationMs * 1000
const seconds = Math.ceil(args.durationMs / 1000)
const latencies: number[] = []
const perSecond: number[][] = Array.from({ length: seconds }, () => [])
let sent = 0

for (const client of clients) {
  const pings = client.doc.getMap<Ping>('pings')
  pings.observe((event: Y.YMapEvent<Ping>) => {
    if (event.transaction.local) return
    const arrived = nowMicros()
    for (const key of event.keysChanged) {
      const value = pings.get(key)
      if (!value || value[1] < measureFrom || value[1] > measureTo) continue
      const ms = (arrived - value[1]) / 1000
      latencies.push(Math.round(ms * 100) / 100)
      perSecond[Math.floor((value[1] - measureFrom) / 1_000_000)]?.push(ms)
    }
  })
}
const lag = monitorEventLoopDelay({ resolution: 10 })
await waitUntilMicros(startAt)
lag.enable()
let lightBytesAtStart = 0
void waitUntilMicros(measureFrom).then(() => {
  lightBytesAtStart = light.reduce((sum, receiver) => sum + receiver.bytes, 0)
})
const periodMs = 1000 / args.rate
const stops = clients.slice(0, args.typists).map((client, index) => {
  const text = client.doc.getText('text')
  const pings = client.doc.getMap<Ping>('pings')
  const key = `p${args.proc}-t${index}`
  let seq = 0
  const tick = () => {
    const now = nowMicros()
    if (now > measureTo) return
    client.doc.transact(() => {
      text.insert(Math.floor(Math.random() * (text.length + 1)), 'x')
      pings.set(key, [args.proc, now, seq++])
    })
    if (now >= measureFrom) sent++
  }
  let interval: NodeJS.Timeout | undefined
  const first = setTimeout(
    () => {
      tick()
      interval = setInterval(tick, periodMs)
    },
    (index / Math.max(1, args.typists)) * periodMs,
  )
  return () => {
    clearTimeout(first)
    if (interval) clearInterval(interval)
  }
})
await waitUntilMicros(measureTo)
const lightBytes = light.reduce((sum, receiver) => sum + receiver.bytes, 0) - lightBytesAtStart
await waitUntilMicros(measureTo + 3_000_000)
lag.disable()
for (const stop of stops) stop()
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}
const textLengths = new Set(clients.map((client) => client.doc.getText('text').length))
for (const client of clients) client.destroy()
for (const receiver of light) receiver.close()
finish(args, {
  proc: args.proc,
  clients: clients.length + light.length,
  measurers: clients.length,
  lightReceivers: light.length,
  lightBytes,
  sent,
  latencies,
  perSecondP50: perSecond.map(median),
  perSecondCount: perSecond.map((values) => values.length),
  textLengths: [...textLengths],
  // Beyond the 10 ms sampling timer, as the nodes' lag (instrument/processStats.ts).
  clientLoopLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - 10),
})
