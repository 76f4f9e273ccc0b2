/**
 * One client process of scenarios 1 and 9 (run by propagation.ts and gridBursts.ts, one per node
 * so the client load is split and kept out of the bench's own process). Connects `perDoc`
 * clients to every document on one node; from `startAtNs` (CLOCK_MONOTONIC, shared by all
 * processes of the machine) each client writes `rate` times a second a value
 * [node, sentAtMicros, seq, ...payload]:
 *  - `pings` (scenario 1): its own key of the Y.Map "pings", the payload its Yjs client id (the
 *    server echoes a client's updates back to it; that is not a delivery);
 *  - `grid` (scenario 9): even clients set a random cell of a `gridSize`² grid in the Y.Map
 *    "cells", odd clients move one of `shapes` shapes (its whole box, as canvas-model writes
 *    it) in the Y.Map "shapes" — keys collide, as on a shared board.
 * Every client records, for each value it sees arrive, now − sentAt (cross-node or same-node).
 *
 * Clients are `providers` (a Hocuspocus or y-websocket provider with its own replica of the
 * document, applying every update it receives) or, for `pings` only, `protocol` clients
 * (lightClients.ts): each writes through a Y.Doc of its own that holds only its own key, sends
 * the update as a provider would, and reads the values out of the updates it receives without
 * applying them. The server's work is the same; the client process's is a fraction, so the
 * process's own event-loop lag stops being what the tail measures on a small machine. A
 * `protocol` client may write only to a key no one else writes (its Y.Doc does not know
 * anybody else's items), hence pings only.
 *
 * After the run the documents' content is digested (every provider's replica; for protocol
 * clients, one fresh provider per document, which also counts this process's writers whose last
 * value is not there), so the parent can check that both nodes converged; values written and
 * deliveries received in the measured window are counted per document, so the parent can check
 * that none was lost (exact for protocol clients, which see every value; a provider's map event
 * shows only the last of two values of one key that arrive together). Arguments: a JSON file
 * (clientProcess.ts); writes a JSON result to `out`.
 */
import { createHash } from 'node:crypto'
import { getPriority } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import * as Y from 'yjs'
import { childArgs, connectMany, finish, nowMicros, waitUntilMicros } from '../clientProcess.ts'
import type { Protocol } from '../fleets.ts'
import { connectLightPeer, type LightPeer, valuesWritten } from '../lightClients.ts'
import { noteSeen, noteWritten, type SeenUpTo, type WrittenSeqs } from '../reachedValues.ts'

interface Args {
  protocol: Protocol
  wsUrl: string
  node: number
  docs: string[]
  perDoc: number
  rate: number
  kind?: 'providers' | 'protocol'
  workload?: 'pings' | 'grid'
  gridSize?: number
  shapes?: number
  startAtNs: string
  warmupMs: number
  durationMs: number
  /** How long after the window deliveries may still arrive and count (default 4 s). */
  drainMs?: number
}

type Value = [number, number, number, ...number[]]
const args = childArgs<Args>()
const kind = args.kind ?? 'providers'
const workload = args.workload ?? 'pings'
if (kind === 'protocol' && workload !== 'pings')
  throw new Error('protocol clients write only their own keys: workload must be pings')
const gridSize = args.gridSize ?? 50
const shapeCount = args.shapes ?? 20
const startAt = Number(BigInt(args.startAtNs) / 1000n)
const measureFrom = startAt + args.warmupMs * 1000
const measureTo = measureFrom + args.durationMs * 1000
const MAPS = workload === 'pings' ? ['pings'] : ['cells', 'shapes']
const cross: number[] = []
const same: number[] = []
let sent = 0

/** Per document: values written in the measured window, and deliveries of such values. */
const sentInWindow: Record<string, number> = {}
const receivedInWindow: Record<string, number> = {}
/** Pings only (each writer's own key): what was written and seen, by writer (reachedValues.ts). */
const writtenSeqs: WrittenSeqs = {}
const seenUpTo: SeenUpTo = {}
/** Per document: the Yjs client ids of this process's clients, each a reader of it. */
const readerIds: Record<string, string[]> = {}
function addReader(documentName: string, clientId: number): void {
  readerIds[documentName] = [...(readerIds[documentName] ?? []), String(clientId)]
}

/**
 * `reader`: the recording client's Yjs client id; with `skipOwn`, its own writes the server
 * echoes are skipped.
 */
function record(
  documentName: string,
  value: unknown,
  arrived: number,
  reader: number,
  skipOwn = false,
): void {
  if (!Array.isArray(value) || typeof value[1] !== 'number') return
  if (value[1] < measureFrom || value[1] > measureTo) return
  if (skipOwn && value[3] === reader) return
  ;(value[0] === args.node ? same : cross).push((arrived - value[1]) / 1000)
  receivedInWindow[documentName] = (receivedInWindow[documentName] ?? 0) + 1
  if (workload === 'pings')
    noteSeen(seenUpTo, documentName, String(reader), String(value[3]), value[2])
}

const names = args.docs.flatMap((documentName) =>
  Array.from({ length: args.perDoc }, () => documentName),
)

/** One writing client: `doc` is what it writes into (for a provider, its whole replica). */
interface Writer {
  doc: Y.Doc
  key: string
}

async function connectProviders() {
  const clients = await connectMany(args.protocol, [args.wsUrl], names, { batch: 50 })
  clients.forEach((client, index) => {
    addReader(names[index] as string, client.doc.clientID)
    for (const mapName of MAPS) {
      const map = client.doc.getMap<Value>(mapName)
      map.observe((event: Y.YMapEvent<Value>) => {
        // A client's own writes are not deliveries.
        if (event.transaction.local) return
        const arrived = nowMicros()
        for (const key of event.keysChanged)
          record(names[index] as string, map.get(key), arrived, client.doc.clientID)
      })
    }
  })
  return {
    writers: clients.map((client, index) => ({
      doc: client.doc,
      key: `n${args.node}-${names[index]}-${index}`,
    })),
    digests: async () => {
      const digests: Record<string, string[]> = {}
      clients.forEach((client, index) => {
        const name = names[index] as string
        digests[name] ??= []
        ;(digests[name] as string[]).push(digest(client.doc))
      })
      for (const client of clients) client.destroy()
      return digests
    },
  }
}

/** Writers of this process whose last value a fresh reader did not find (protocol clients). */
let missingLastValues = 0

async function connectProtocolClients() {
  const peers: LightPeer[] = []
  const writers: Writer[] = names.map((name, index) => {
    const doc = new Y.Doc()
    addReader(name, doc.clientID)
    const peer = connectLightPeer(args.protocol, args.wsUrl, name, (update, arrived) => {
      for (const value of valuesWritten(update)) record(name, value, arrived, doc.clientID, true)
    })
    peers.push(peer)
    doc.on('update', (update: Uint8Array) => peer.sendUpdate(update))
    return { doc, key: `n${args.node}-${name}-${index}` }
  })
  await Promise.all(peers.map((peer) => peer.joined))
  return {
    writers,
    // A fresh provider per document: what a user opening it now would see.
    digests: async () => {
      for (const peer of peers) peer.close()
      const readers = await connectMany(args.protocol, [args.wsUrl], args.docs, { batch: 50 })
      const digests: Record<string, string[]> = {}
      readers.forEach((reader, index) => {
        const name = args.docs[index] as string
        const pings = reader.doc.getMap<Value>('pings')
        missingLastValues += writers.filter(
          (writer, w) =>
            names[w] === name &&
            JSON.stringify(pings.get(writer.key)) !==
              JSON.stringify(writer.doc.getMap<Value>('pings').get(writer.key)),
        ).length
        digests[name] = [digest(reader.doc)]
      })
      for (const reader of readers) reader.destroy()
      return digests
    },
  }
}

function digest(doc: Y.Doc): string {
  const content = MAPS.map((name) => {
    const map = doc.getMap(name).toJSON()
    return JSON.stringify(
      Object.keys(map)
        .sort()
        .map((key) => [key, map[key]]),
    )
  }).join('\n')
  return createHash('sha1').update(content).digest('hex')
}

const clients = kind === 'protocol' ? await connectProtocolClients() : await connectProviders()
const writes = clients.writers.map(({ doc, key }, index) => () => {
  const now = nowMicros()
  const documentName = names[index] as string
  if (now >= measureFrom && now <= measureTo) {
    sentInWindow[documentName] = (sentInWindow[documentName] ?? 0) + 1
    if (workload === 'pings') noteWritten(writtenSeqs, documentName, String(doc.clientID), sent)
  }
  if (workload === 'pings') {
    doc.getMap<Value>('pings').set(key, [args.node, now, sent, doc.clientID])
  } else if (index % 2 === 0) {
    const cell = `r${Math.floor(Math.random() * gridSize)}c${Math.floor(Math.random() * gridSize)}`
    doc.getMap<Value>('cells').set(cell, [args.node, now, sent, index])
  } else {
    const shape = `shape-${Math.floor(Math.random() * shapeCount)}`
    const [x, y] = [Math.round(Math.random() * 2000), Math.round(Math.random() * 1000)]
    doc.getMap<Value>('shapes').set(shape, [args.node, now, sent, x, y, 120, 80])
  }
  sent++
})
const lag = monitorEventLoopDelay({ resolution: 10 })

await waitUntilMicros(startAt)
lag.enable()
const periodMs = 1000 / args.rate
const timers = writes.map((write, index) => {
  const tick = () => {
    if (nowMicros() <= measureTo) write()
  }
  // Spread the clients over the period so the load is steady rather than in bursts.
  const offset = (index / writes.length) * periodMs
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
// Let the last writes arrive everywhere before digesting what the documents hold.
await waitUntilMicros(measureTo + Math.max(1_500, args.drainMs ?? 4_000) * 1000)
finish(args, {
  node: args.node,
  kind,
  nice: getPriority(),
  clients: names.length,
  sent,
  cross,
  same,
  digests: await clients.digests(),
  missingLastValues,
  sentInWindow,
  receivedInWindow,
  writtenSeqs,
  seenUpTo,
  readerIds,
  // Beyond the 10 ms sampling timer, as the nodes' lag (instrument/processStats.ts).
  clientLoopLagP99Ms: Math.max(0, lag.percentile(99) / 1e6 - 10),
  clientLoopLagMaxMs: Math.max(0, lag.max / 1e6 - 10),
})
