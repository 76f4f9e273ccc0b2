/**
 * One client process of scenario 8 (reconnectStorm.ts): one client per entry of `docs`, on
 * `urls[0]` with fail-over to the next url on reconnect (clients.ts). Every `writerEvery`-th
 * client writes `rate` times a second a new key (`<tag>-<client>-<seq>`) into the Y.Map "log"
 * of its document, from the common start until `stopAfterMs` — through the node's death, when
 * the writes stay local until the client has re-synced elsewhere. Records, for each client, when
 * it was synced again on another node after `killAtMicros`. When all are (or `resyncLimitMs`
 * passed) and `settleMs` more, reports the keys each client holds, per document.
 * Arguments: a JSON file (clientProcess.ts); writes a JSON result to `out`.
 */

import {
  childArgs,
  connectMany,
  finish,
  nowMicros,
  readyThenGo,
  waitUntilMicros,
} from '../clientProcess.ts'
import { sleep } from '../clients.ts'
import type { Protocol } from '../fleets.ts'

interface Args {
  protocol: Protocol
  urls: string[]
  docs: string[]
  tag: string
  writerEvery: number
  rate: number
  killAfterMs: number
  stopAfterMs: number
  resyncLimitMs: number
  settleMs: number
}

const args = childArgs<Args>()
const clients = await connectMany(args.protocol, args.urls, args.docs, {
  batch: 50,
  reconnect: true,
})
const startAt = await readyThenGo()
const killAt = startAt + args.killAfterMs * 1000
const stopAt = startAt + args.stopAfterMs * 1000
const resyncedAt: (number | null)[] = clients.map(() => null)
const writes: Record<string, number> = {}
const watchers = clients.map((client, index) => {
  const check = () => {
    if (resyncedAt[index] !== null || nowMicros() < killAt) return
    if (client.nodeIndex() > 0 && client.isSynced()) resyncedAt[index] = nowMicros()
  }
  client.onSyncChange(check)
  return check
})
await waitUntilMicros(startAt)
const periodMs = 1000 / args.rate
const timers = clients.flatMap((client, index) => {
  if (index % args.writerEvery !== 0) return []
  const name = args.docs[index] as string
  const log = client.doc.getMap<number>('log')
  let seq = 0
  const interval = setInterval(() => {
    if (nowMicros() > stopAt) return
    log.set(`${args.tag}-${index}-${seq++}`, 1)
    writes[name] = (writes[name] ?? 0) + 1
  }, periodMs)
  return [interval]
})
await waitUntilMicros(stopAt)
for (const timer of timers) clearInterval(timer)
const moved = args.urls.length > 1
while (moved && nowMicros() < killAt + args.resyncLimitMs * 1000) {
  for (const check of watchers) check()
  if (resyncedAt.every((at) => at !== null)) break
  await sleep(20)
}
await sleep(args.settleMs)
const held: Record<string, number[]> = {}
clients.forEach((client, index) => {
  const name = args.docs[index] as string
  held[name] ??= []
  ;(held[name] as number[]).push(client.doc.getMap('log').size)
})
for (const client of clients) client.destroy()
finish(args, {
  clients: clients.length,
  resyncMs: moved ? resyncedAt.map((at) => (at === null ? null : (at - killAt) / 1000)) : [],
  writes,
  held,
})
