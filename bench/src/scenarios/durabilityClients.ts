/**
 * One client process of scenario 7 (run by durability.ts, one per node): protocol-level writers
 * (lightClients.ts), one per entry of `docs`, each with a Y.Doc of its own, so that the bench
 * process is left with nothing but reading Postgres and this process spends nothing on decoding
 * what the server sends back (acks and the other writers' updates are only counted). Each edit
 * sets one of the writer's own 64 keys of the Y.Map "cells": one Yjs item, so the writer's clock
 * advances by one per edit and `sentAt[clock]` is that edit's send time.
 * - `rate`: from the common start, every writer edits `rate` times a second for `durationMs`;
 * - `burst`: every writer sends `edits` edits as fast as the socket takes them, 100 per turn.
 * Arguments: a JSON file (clientProcess.ts); writes a JSON result to `out`.
 */

import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises'
import * as Y from 'yjs'
import {
  childArgs,
  finish,
  nextLine,
  nowMicros,
  readyThenGo,
  waitUntilMicros,
} from '../clientProcess.ts'
import type { Protocol } from '../fleets.ts'
import { connectLightPeer } from '../lightClients.ts'

interface Args {
  protocol: Protocol
  wsUrl: string
  /** This process's node, part of every key its writers write (keys stay unique fleet-wide). */
  node: number
  docs: string[]
  mode: 'rate' | 'burst'
  rate: number
  durationMs: number
  edits: number
}

export interface DurabilityWriter {
  clientId: number
  /** CLOCK_MONOTONIC microseconds of each edit, indexed by its Yjs clock. */
  sentAt: number[]
}

const args = childArgs<Args>()
const writers = args.docs.map((name, index) => {
  const peer = connectLightPeer(args.protocol, args.wsUrl, name)
  const doc = new Y.Doc()
  doc.on('update', (update: Uint8Array) => peer.sendUpdate(update))
  const cells = doc.getMap<number>('cells')
  const sentAt: number[] = []
  let seq = 0
  return {
    peer,
    record: { clientId: doc.clientID, sentAt } satisfies DurabilityWriter,
    edit() {
      sentAt.push(nowMicros())
      cells.set(`n${args.node}-w${index}-c${seq % 64}`, seq++)
    },
  }
})
await Promise.all(writers.map((writer) => writer.peer.joined))
const startAt = await readyThenGo()
await waitUntilMicros(startAt)

if (args.mode === 'rate') {
  const periodMs = 1000 / args.rate
  const end = startAt + args.durationMs * 1000
  const stops = writers.map((writer, index) => {
    let interval: NodeJS.Timeout | undefined
    const first = setTimeout(
      () => {
        interval = setInterval(() => {
          if (nowMicros() <= end) writer.edit()
        }, periodMs)
      },
      (index / writers.length) * periodMs,
    )
    return () => {
      clearTimeout(first)
      clearInterval(interval)
    }
  })
  await waitUntilMicros(end + periodMs * 1000)
  for (const stop of stops) stop()
} else {
  for (let sent = 0; sent < args.edits; sent += 100) {
    for (const writer of writers)
      for (let k = 0; k < 100 && sent + k < args.edits; k++) writer.edit()
    await nextTurn()
  }
}
// Sent once the sockets' buffers are empty; the parent then waits for Postgres, and says STOP.
// A socket the server closed never drains, and what was sent on it is lost: that fails the run.
while (writers.some((writer) => writer.peer.buffered() > 0 && !writer.peer.closed)) await sleep(5)
const closed = writers.filter((writer) => writer.peer.closed).length
if (closed > 0) throw new Error(`${closed} writers' sockets were closed by the server`)
process.stdout.write(`SENT ${writers.reduce((sum, w) => sum + w.record.sentAt.length, 0)}\n`)
while ((await nextLine()) !== 'STOP') {}
finish(args, { writers: writers.map((writer) => writer.record) })
