/**
 * Scenario 7: durability lag and throughput. Clients on both nodes of a 2-node fleet edit; for
 * every edit the client's send time is kept, keyed by (Yjs client id, clock). A poller reads
 * Postgres every `pollMs` and marks an edit durable when it first sees it stored:
 *  - weft: a row in `document_updates` whose update covers that clock (Y.parseUpdateMeta);
 *  - reference (bare Hocuspocus + @hocuspocus/extension-database): the full document state in
 *    `reference_documents`, stored on Hocuspocus's debounce (2 s, at most 10 s while edits keep
 *    coming), whose state vector covers that clock.
 * Parts: `lag` (steady rate, lag percentiles) and `burst` (every client sends as fast as it can;
 * durable updates/s = edits / time until the last is durable).
 */
import { startPostgres, type TestClient } from '@weft/testkit'
import pg from 'pg'
import * as Y from 'yjs'
import { connectSynced, nextTurn, sleep } from '../clients.ts'
import { type BenchFleet, type FleetKind, processCpuSeconds, startBenchFleet } from '../fleets.ts'
import type { BenchOptions } from '../main.ts'
import { compareFleets, log, printTable, round, summarize, writeResult } from '../report.ts'

class Ledger {
  readonly sentAt = new Map<number, number[]>()
  readonly durableAt = new Map<number, number[]>()
  total = 0
  durable = 0

  recordSend(client: number, clock: number, at: number) {
    let sends = this.sentAt.get(client)
    if (!sends) {
      sends = []
      this.sentAt.set(client, sends)
      this.durableAt.set(client, [])
    }
    sends[clock] = at
    this.total++
  }

  markRange(client: number, from: number, to: number, at: number) {
    const sends = this.sentAt.get(client)
    const durable = this.durableAt.get(client)
    if (!sends || !durable) return
    for (let clock = from; clock < to; clock++) {
      if (sends[clock] !== undefined && durable[clock] === undefined) {
        durable[clock] = at
        this.durable++
      }
    }
  }

  lags(): number[] {
    const out: number[] = []
    for (const [client, sends] of this.sentAt) {
      const durable = this.durableAt.get(client) as number[]
      sends.forEach((sent, clock) => {
        const at = durable[clock]
        if (at !== undefined) out.push(at - sent)
      })
    }
    return out
  }

  lastDurable(): number {
    let last = 0
    for (const durable of this.durableAt.values())
      for (const at of durable) if (at !== undefined && at > last) last = at
    return last
  }
}

/** Reads what the fleet stored and marks the covered edits durable. */
function startPoller(fleet: BenchFleet, ledger: Ledger, pollMs: number) {
  const client = new pg.Client({ connectionString: fleet.databaseUrl })
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
        'SELECT id, update FROM document_updates WHERE id > $1 ORDER BY id',
        [from.toString()],
      )
      const at = performance.now()
      for (const row of result.rows as { id: string; update: Uint8Array }[]) {
        if (seen.has(row.id)) continue
        seen.add(row.id)
        if (BigInt(row.id) > maxId) maxId = BigInt(row.id)
        const meta = Y.parseUpdateMeta(row.update)
        for (const [id, to] of meta.to) ledger.markRange(id, meta.from.get(id) ?? 0, to, at)
      }
    } else {
      const result = await client.query('SELECT state FROM reference_documents')
      const at = performance.now()
      for (const row of result.rows as { state: Uint8Array }[]) {
        const sv = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(row.state))
        for (const [id, clock] of sv) {
          const from = known.get(id) ?? 0
          if (clock > from) {
            ledger.markRange(id, from, clock, at)
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
  return {
    async stop() {
      stopped = true
      await loop
      await client.end()
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

async function connectClients(
  fleet: BenchFleet,
  part: string,
  clientCount: number,
  docCount: number,
) {
  const clients: TestClient[] = []
  for (let i = 0; i < clientCount; i++) {
    const node = fleet.nodes[i % fleet.nodes.length] as BenchFleet['nodes'][0]
    clients.push(await connectSynced(node.wsUrl, `canvas:bench-dur-${part}-${i % docCount}`))
  }
  return clients
}

function edit(client: TestClient, ledger: Ledger, seq: number) {
  const doc = client.doc
  const clock = Y.getState(doc.store, doc.clientID)
  doc.getMap('cells').set(`c${seq % 64}`, seq)
  ledger.recordSend(doc.clientID, clock, performance.now())
}

async function waitDurable(ledger: Ledger, limitMs: number) {
  const deadline = performance.now() + limitMs
  while (ledger.durable < ledger.total && performance.now() < deadline) await sleep(50)
}

async function runLag(fleet: BenchFleet, settings: Record<string, number>): Promise<PartResult> {
  const ledger = new Ledger()
  const clients = await connectClients(
    fleet,
    'lag',
    settings.clients as number,
    settings.docs as number,
  )
  const poller = startPoller(fleet, ledger, settings.pollMs as number)
  const cpuBefore = fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid))
  const periodMs = 1000 / (settings.rate as number)
  const end = performance.now() + (settings.durationMs as number)
  let seq = 0
  const timers = clients.map((client, i) =>
    setTimeout(
      () => {
        const interval = setInterval(() => {
          if (performance.now() > end) return clearInterval(interval)
          edit(client, ledger, seq++)
        }, periodMs)
      },
      (i / clients.length) * periodMs,
    ),
  )
  await sleep((settings.durationMs as number) + periodMs)
  timers.forEach(clearTimeout)
  await waitDurable(ledger, 30_000)
  await poller.stop()
  const cpu = fleet.nodes.map((node, i) =>
    round(processCpuSeconds(node.process.child.pid) - (cpuBefore[i] ?? 0)),
  )
  for (const client of clients) client.destroy()
  return {
    fleet: fleet.label,
    part: `lag (${settings.clients} clients x ${settings.rate}/s)`,
    edits: ledger.total,
    durable: ledger.durable,
    lagMs: summarize(ledger.lags()),
    durableUpdatesPerSec: Number.NaN,
    nodeCpuSec: cpu,
  }
}

async function runBurst(fleet: BenchFleet, settings: Record<string, number>): Promise<PartResult> {
  const ledger = new Ledger()
  const clients = await connectClients(
    fleet,
    'burst',
    settings.burstClients as number,
    settings.docs as number,
  )
  const poller = startPoller(fleet, ledger, settings.pollMs as number)
  const cpuBefore = fleet.nodes.map((node) => processCpuSeconds(node.process.child.pid))
  const perClient = Math.ceil((settings.burstEdits as number) / clients.length)
  const started = performance.now()
  let seq = 0
  for (let sent = 0; sent < perClient; sent += 100) {
    for (const client of clients)
      for (let k = 0; k < 100 && sent + k < perClient; k++) edit(client, ledger, seq++)
    await nextTurn()
  }
  await waitDurable(ledger, 120_000)
  await poller.stop()
  const last = ledger.lastDurable()
  const cpu = fleet.nodes.map((node, i) =>
    round(processCpuSeconds(node.process.child.pid) - (cpuBefore[i] ?? 0)),
  )
  for (const client of clients) client.destroy()
  return {
    fleet: fleet.label,
    part: `burst (${clients.length} clients)`,
    edits: ledger.total,
    durable: ledger.durable,
    lagMs: summarize(ledger.lags()),
    durableUpdatesPerSec:
      ledger.durable === ledger.total
        ? Math.round(ledger.total / ((last - started) / 1000))
        : Number.NaN,
    nodeCpuSec: cpu,
  }
}

export async function runDurability(options: BenchOptions): Promise<void> {
  const settings = {
    clients: Number(options.settings.clients ?? 40),
    docs: Number(options.settings.docs ?? 8),
    rate: Number(options.settings.rate ?? 25),
    durationMs: Number(options.settings.durationSec ?? 15) * 1000,
    burstClients: Number(options.settings.burstClients ?? 20),
    burstEdits: Number(options.settings.burstEdits ?? 100_000),
    pollMs: Number(options.settings.pollMs ?? 20),
  }
  const parts = (options.settings.parts ?? 'lag,burst').split(',')
  const kinds = (options.settings.fleets ?? 'weft,hocuspocus').split(',') as FleetKind[]
  const postgres = await startPostgres()
  const results: PartResult[] = []
  try {
    for (let round_ = 0; round_ < options.repeat; round_++) {
      const order = round_ % 2 === 0 ? kinds : [...kinds].reverse()
      for (const kind of order) {
        const tag = `dur_${kind}_${round_}_${Date.now()}`
        log(`durability: ${kind} (round ${round_ + 1}/${options.repeat})`)
        const fleet = await startBenchFleet({
          kind,
          nodes: 2,
          postgres,
          persistence: true,
          tag,
          ...(options.cpuProf ? { cpuProfDir: `/tmp/weft-bench-prof/${tag}` } : {}),
        })
        try {
          for (const part of parts) {
            const result =
              part === 'lag' ? await runLag(fleet, settings) : await runBurst(fleet, settings)
            log(`durability: ${JSON.stringify(result)}`)
            results.push(result)
          }
        } finally {
          await fleet.destroy()
        }
      }
    }
  } finally {
    await postgres.destroy()
  }
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
