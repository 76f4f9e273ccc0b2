/**
 * Scenario 7: durability lag and throughput. Writers on both nodes of a 2-node fleet edit the
 * same documents
 * (protocol-level clients in one child process per node, durabilityClients.ts: every edit is one
 * Yjs item, so a writer's clock numbers its edits, and each edit's send time is kept). A poller
 * in the bench process reads Postgres every `pollMs` and notes when it first sees each
 * (client id, clock) stored:
 *  - weft: a row in `document_updates` whose update covers that clock (Y.parseUpdateMeta);
 *  - reference (bare Hocuspocus + @hocuspocus/extension-database): the full document state in
 *    `reference_documents`, stored on Hocuspocus's debounce (2 s, at most 10 s while edits keep
 *    coming), whose state vector covers that clock.
 * Parts: `lag` (steady rate, lag percentiles) and `burst` (every writer sends as fast as its
 * socket takes it; durable updates/s = edits / time from the start until the last is durable).
 * The writers decode nothing the server sends back and the poller is all the bench process
 * does, so neither is what limits the burst figure.
 */
import pg from 'pg'
import * as Y from 'yjs'
import { nowMicros, spawnClients, startTogether } from '../clientProcess.ts'
import { sleep } from '../clients.ts'
import type { BenchFleet } from '../fleets.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { compareFleets, log, printTable, round, summarize, writeResult } from '../report.ts'
import { processCpuSeconds } from '../stats.ts'
import type { DurabilityWriter } from './durabilityClients.ts'

export const BENCH_POLLER_APPLICATION = 'weft-bench-poller'

/** When the poller first saw each clock of each Yjs client stored (CLOCK_MONOTONIC µs). */
class StoredClocks {
  readonly seenAt = new Map<number, number[]>()
  count = 0
  last = 0

  mark(client: number, from: number, to: number, at: number) {
    let seen = this.seenAt.get(client)
    if (!seen) {
      seen = []
      this.seenAt.set(client, seen)
    }
    for (let clock = from; clock < to; clock++) {
      if (seen[clock] !== undefined) continue
      seen[clock] = at
      this.count++
      this.last = at
    }
  }
}

/** Reads what the fleet stored for documents named `prefix…` and notes the clocks it covers. */
function startPoller(fleet: BenchFleet, stored: StoredClocks, pollMs: number, prefix: string) {
  // Named, so a scenario measuring Postgres's CPU can leave the poller's own backend out.
  const client = new pg.Client({
    connectionString: fleet.databaseUrl,
    application_name: BENCH_POLLER_APPLICATION,
  })
  const connected = client.connect()
  let stopped = false
  const seen = new Set<string>()
  let maxId = 0n
  const known = new Map<number, number>()
  const pollOnce = async () => {
    if (fleet.kind !== 'hocuspocus') {
      // Rows of concurrent transactions can commit out of id order: look back a window.
      const from = maxId > 20_000n ? maxId - 20_000n : 0n
      const result = await client.query(
        'SELECT id, update FROM document_updates WHERE id > $1 AND document_name LIKE $2 ORDER BY id',
        [from.toString(), `${prefix}%`],
      )
      const at = nowMicros()
      for (const row of result.rows as { id: string; update: Uint8Array }[]) {
        if (seen.has(row.id)) continue
        seen.add(row.id)
        if (BigInt(row.id) > maxId) maxId = BigInt(row.id)
        const meta = Y.parseUpdateMeta(row.update)
        for (const [id, to] of meta.to) stored.mark(id, meta.from.get(id) ?? 0, to, at)
      }
    } else {
      const result = await client.query(
        'SELECT state FROM reference_documents WHERE name LIKE $1',
        [`${prefix}%`],
      )
      const at = nowMicros()
      for (const row of result.rows as { state: Uint8Array }[]) {
        const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(row.state))
        for (const [id, clock] of sv) {
          const from = known.get(id) ?? 0
          if (clock > from) {
            stored.mark(id, from, clock, at)
            known.set(id, clock)
          }
        }
      }
    }
  }
  const loop = (async () => {
    await connected
    while (!stopped) {
      await pollOnce()
      await sleep(pollMs)
    }
  })()
  // A failed poll (a fleet without our update log) is thrown by stop(), inside the scenario, so
  // the fleet and the run's Postgres are still stopped; unhandled, it ended the bench at once
  // and left their processes running.
  loop.catch(() => {})
  return {
    async stop() {
      stopped = true
      try {
        await loop
      } finally {
        await client.end()
      }
    },
  }
}

interface PartResult {
  fleet: string
  part: string
  edits: number
  durable: number
  lagMs: Record<string, number>
  /** Burst: edits / seconds from the first send until the last edit was durable. */
  durableUpdatesPerSec: number
  nodeCpuSec: number[]
}

export async function runPart(
  fleet: BenchFleet,
  part: 'lag' | 'burst',
  settings: Record<string, number>,
  /** Runs once every edit is durable (or the wait ended), while the poller is still connected. */
  whenDurable?: () => Promise<void>,
): Promise<PartResult> {
  const writerCount = (part === 'lag' ? settings.clients : settings.burstClients) as number
  const prefix = `canvas:bench-dur-${part}-`
  // Writer i on node i mod nodes, document ⌊i / nodes⌋ mod docs: each document has writers on
  // every node (as clients behind a load balancer would), so every update is applied on both.
  const nodeCount = fleet.nodes.length
  const perNode = fleet.nodes.map(() => [] as string[])
  for (let i = 0; i < writerCount; i++) {
    const doc = Math.floor(i / nodeCount) % (settings[`${part}Docs`] as number)
    perNode[i % nodeCount]?.push(`${prefix}${doc}`)
  }
  const edits = Math.ceil((settings.burstEdits as number) / writerCount)
  const children = fleet.nodes.map((node, n) =>
    spawnClients<{ writers: DurabilityWriter[] }>(
      'scenarios/durabilityClients.ts',
      {
        protocol: fleet.protocol,
        wsUrl: node.wsUrl,
        node: n,
        docs: perNode[n],
        mode: part === 'lag' ? 'rate' : 'burst',
        rate: settings.rate,
        durationMs: settings.durationMs,
        edits,
      },
      (settings.durationMs as number) + 300_000,
    ),
  )
  const stored = new StoredClocks()
  const poller = startPoller(fleet, stored, settings.pollMs as number, prefix)
  try {
    // Node CPU from the moment every writer has joined (connecting and loading are not part).
    await Promise.all(children.map((child) => child.ready))
    const cpuBefore = fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid))
    const startAt = await startTogether(children)
    const sent = (await Promise.all(children.map((child) => child.said('SENT')))).reduce(
      (sum, count) => sum + Number(count),
      0,
    )
    const deadline = nowMicros() + 120_000_000
    while (stored.count < sent && nowMicros() < deadline) await sleep(20)
    const cpu = fleet.nodes.map((node, i) =>
      round(processCpuSeconds(node.process.child.pid) - (cpuBefore[i] ?? 0)),
    )
    await whenDurable?.()
    for (const child of children) child.send('STOP')
    const writers = (await Promise.all(children.map((child) => child.result))).flatMap(
      (result) => result.writers,
    )
    return summarizePart(fleet, part, writerCount, settings, {
      stored,
      startAt,
      sent,
      cpu,
      writers,
    })
  } finally {
    await poller.stop()
    for (const child of children) child.process.child.kill('SIGKILL')
  }
}

function summarizePart(
  fleet: BenchFleet,
  part: 'lag' | 'burst',
  writerCount: number,
  settings: Record<string, number>,
  run: {
    stored: StoredClocks
    startAt: number
    sent: number
    cpu: number[]
    writers: DurabilityWriter[]
  },
): PartResult {
  const { stored, startAt, sent, cpu, writers } = run
  const lags: number[] = []
  for (const writer of writers) {
    const seen = stored.seenAt.get(writer.clientId) ?? []
    writer.sentAt.forEach((sentAt, clock) => {
      const at = seen[clock]
      if (at !== undefined) lags.push((at - sentAt) / 1000)
    })
  }
  return {
    fleet: fleet.label,
    part:
      part === 'lag'
        ? `lag (${writerCount} clients x ${settings.rate}/s)`
        : `burst (${writerCount} clients)`,
    edits: sent,
    durable: lags.length,
    lagMs: summarize(lags),
    durableUpdatesPerSec:
      part === 'burst' && lags.length === sent
        ? Math.round(sent / ((stored.last - startAt) / 1e6))
        : Number.NaN,
    nodeCpuSec: cpu,
  }
}

export async function runDurability(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 40),
    lagDocs: Number(options.settings.docs ?? 8),
    burstDocs: Number(options.settings.burstDocs ?? options.settings.docs ?? 8),
    rate: Number(options.settings.rate ?? 25),
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
    burstClients: Number(options.settings.burstClients ?? 20),
    burstEdits: Number(options.settings.burstEdits ?? 100_000),
    pollMs: Number(options.settings.pollMs ?? 20),
  }
  const parts = (options.settings.parts ?? 'lag,burst').split(',')
  const results = await forEachFleet(
    options,
    { scenario: 'durability', fleets: 'weft,hocuspocus', nodes: 2, persistence: true },
    async (fleet) => {
      const partResults: PartResult[] = []
      for (const part of parts) {
        const result = await runPart(fleet, part === 'lag' ? 'lag' : 'burst', settings)
        log(`durability: ${JSON.stringify(result)}`)
        partResults.push(result)
      }
      return partResults
    },
  )
  printTable(
    'Scenario 7: durability lag (client send -> visible in Postgres, ms) and burst throughput',
    results.map((r) => ({
      fleet: r.fleet,
      part: r.part,
      edits: r.edits,
      durable: r.durable,
      'lag p50': r.lagMs.p50,
      'lag p95': r.lagMs.p95,
      'lag p99': r.lagMs.p99,
      'lag max': r.lagMs.max,
      'durable updates/s': r.durableUpdatesPerSec,
      'node CPU s': r.nodeCpuSec.join(' / '),
    })),
  )
  const ratios = compareFleets(results, [
    {
      name: 'lag p95 (ms)',
      filter: (r) => r.part.startsWith('lag'),
      pick: (r) => r.lagMs.p95 as number,
    },
    {
      name: 'burst durable updates/s',
      filter: (r) => r.part.startsWith('burst'),
      pick: (r) => r.durableUpdatesPerSec,
    },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('durability', { settings, results, ratios })
}
