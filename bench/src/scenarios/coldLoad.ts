/**
 * Scenario 6: cold load of a large document. The trace replayed once and copied `copies` times
 * under other client ids (largeDocument.ts: automerge-paper ×100 is 10.5 MB of text, 16.0 MB
 * of state in V2, 24.5 MB in V1) is seeded into each fleet's storage before its node starts:
 *  - weft: one snapshot row, no log rows — a compacted document, in the form our compaction
 *    stores it: V1 (encoding 1), as a V2 state of 1 MiB or more is stored since decision 0186;
 *    `--set seedEncoding=2` seeds the V2 form compactions wrote before it (encoding 2);
 *    `--set seedCompression=pglz` stores it with Postgres's default compression, as snapshots
 *    written before migration 20261205060000 are (lz4 since, decision 0209);
 *  - hocuspocus+database (Hocuspocus with only the stock Database extension) and
 *    y-websocket-server+pg: the V1 state in `reference_documents`, read by their fetch/bindState.
 * Then one client connects to the one node: `fresh` is the first load in a freshly started
 * process, `again` a second load of the same document in the same process after it was unloaded.
 * First sync = client created → its text holds the whole content. The bar of issue 17 is what a
 * client pays with nothing in between: the V1 state sent once over a loopback WebSocket plus
 * `Y.applyUpdate` of it into an empty document, both measured in the bench process in the same
 * run; each fleet's first sync is printed as a ratio to it. `--set nodeCpus=0 --set
 * clientCpus=1` pins the node and the client (this process) to different CPUs, as separate
 * machines would keep their parses from competing.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import WebSocket, { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import { type BenchClient, connectBenchClient, sleep } from '../clients.ts'
import type { BenchFleet, BenchNode } from '../fleets.ts'
import { type LargeDocument, largeDocument } from '../largeDocument.ts'
import { forEachFleet } from '../loop.ts'
import type { BenchOptions } from '../options.ts'
import { pinCpus } from '../pinCpus.ts'
import { compareFleets, log, printTable, round, writeResult } from '../report.ts'
import { nodeStats, processCpuSeconds, waitForDocuments } from '../stats.ts'

const DOCUMENT = 'grid:bench-cold-large'

/** The V2 size from which our compaction stores a snapshot in V1 (packages/db, decision 0186). */
const V1_SNAPSHOT_MIN_BYTES = 1024 * 1024

async function seed(
  fleet: BenchFleet,
  large: LargeDocument,
  seedEncoding: string,
  seedCompression: string,
) {
  const client = new pg.Client({ connectionString: fleet.databaseUrl })
  await client.connect()
  try {
    if (fleet.kind === 'weft' || fleet.kind === 'weft-scratch') {
      if (seedCompression !== 'migrated') {
        if (!/^(pglz|lz4)$/.test(seedCompression))
          throw new Error(`seedCompression: pglz, lz4 or migrated, not ${seedCompression}`)
        await client.query(
          `ALTER TABLE snapshots ALTER COLUMN state SET COMPRESSION ${seedCompression}`,
        )
      }
      await client.query('INSERT INTO documents (name) VALUES ($1) ON CONFLICT DO NOTHING', [
        DOCUMENT,
      ])
      const v1 = seedEncoding !== '2' && large.v2.length >= V1_SNAPSHOT_MIN_BYTES
      await client.query(
        `INSERT INTO snapshots (document_name, state, update_count, node_id, encoding)
         VALUES ($1, $2, 0, 'bench-seed', $3)`,
        [DOCUMENT, Buffer.from(v1 ? large.v1 : large.v2), v1 ? 1 : 2],
      )
      const { rows } = await client.query<{ method: string | null; bytes: number }>(
        `SELECT pg_column_compression(state) AS method, pg_column_size(state) AS bytes
         FROM snapshots WHERE document_name = $1`,
        [DOCUMENT],
      )
      log(`cold load: ${fleet.label}'s snapshot stored as ${JSON.stringify(rows[0])}`)
    } else {
      await client.query(
        'INSERT INTO reference_documents (name, state, stored_at) VALUES ($1, $2, now())',
        [DOCUMENT, Buffer.from(large.v1)],
      )
    }
  } finally {
    await client.end()
  }
}

async function loadOnce(fleet: BenchFleet, large: LargeDocument, timeoutMs: number) {
  const node = fleet.nodes[0] as BenchFleet['nodes'][0]
  const cpuBefore = processCpuSeconds(node.process.child.pid)
  const started = performance.now()
  let syncedMs = Number.NaN
  const client: BenchClient = connectBenchClient(fleet.protocol, [node.wsUrl], DOCUMENT)
  client.onSyncChange((synced) => {
    if (synced && Number.isNaN(syncedMs)) syncedMs = performance.now() - started
  })
  const text = client.doc.getText('text')
  while (text.length < large.textLength && performance.now() - started < timeoutMs) await sleep(5)
  const loadedMs = performance.now() - started
  const complete = text.length === large.textLength
  const stats = await nodeStats(node)
  const cpuSec = processCpuSeconds(node.process.child.pid) - cpuBefore
  client.destroy()
  return {
    complete,
    firstSyncMs: complete ? round(loadedMs) : Number.NaN,
    syncedEventMs: round(syncedMs),
    nodeCpuSec: round(cpuSec),
    nodeRssMB: round(stats.rss / 2 ** 20, 1),
    nodeHeapMB: round(stats.heapUsed / 2 ** 20, 1),
  }
}

/** Milliseconds to send `bytes` as one message over a loopback WebSocket, until received whole. */
async function transferMs(bytes: Uint8Array): Promise<number> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 2 ** 30 })
  await once(server, 'listening')
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, {
    maxPayload: 2 ** 30,
  })
  const [peer] = (await once(server, 'connection')) as [WebSocket]
  await once(client, 'open')
  const started = performance.now()
  const received = once(client, 'message')
  peer.send(bytes)
  await received
  const ms = performance.now() - started
  client.terminate()
  server.close()
  return ms
}

export async function runColdLoad(options: BenchOptions): Promise<void> {
  const settings = {
    trace: options.settings.trace ?? 'automerge-paper',
    copies: Number(options.settings.copies ?? 100),
    timeoutMs: Number(options.settings.timeoutSec ?? 120) * 1000,
    seedEncoding: options.settings.seedEncoding ?? 'auto',
    // The snapshot column's compression as the fleet's migrations left it, or pglz / lz4.
    seedCompression: options.settings.seedCompression ?? 'migrated',
    // Separate machines on this one: the node on some CPUs, the client (this process) on others.
    nodeCpus: options.settings.nodeCpus,
    clientCpus: options.settings.clientCpus,
  }
  if (settings.clientCpus) pinCpus(process.pid, settings.clientCpus)
  log(`cold load: building ${settings.trace} x${settings.copies}`)
  const large = largeDocument(settings.trace, settings.copies)
  // What a client (and a node) pays just to parse the state once, in this process.
  const parseStarted = performance.now()
  Y.applyUpdate(new Y.Doc(), large.v1)
  const parseV1Ms = round(performance.now() - parseStarted)
  const sendV1Ms = round(await transferMs(large.v1))
  const sizes = {
    textChars: large.textLength,
    stateV1Bytes: large.v1.length,
    stateV2Bytes: large.v2.length,
    parseV1Ms,
    sendV1Ms,
    barMs: round(parseV1Ms + sendV1Ms),
  }
  log(`cold load: ${JSON.stringify(sizes)}`)
  const runs = await forEachFleet(
    options,
    {
      scenario: 'cold load',
      fleets: 'weft,hocuspocus-bare,y-websocket-server',
      nodes: 1,
      persistence: true,
    },
    async (fleet) => {
      await seed(fleet, large, settings.seedEncoding, settings.seedCompression)
      const node = fleet.nodes[0] as BenchNode
      if (settings.nodeCpus && node.process.child.pid)
        pinCpus(node.process.child.pid, settings.nodeCpus)
      const fresh = await loadOnce(fleet, large, settings.timeoutMs)
      const unloadMs = (await waitForDocuments(fleet.nodes[0] as BenchNode, 0, 60_000)).ms
      const again = Number.isNaN(unloadMs)
        ? undefined
        : await loadOnce(fleet, large, settings.timeoutMs)
      const out = []
      for (const [part, result] of [
        ['fresh', fresh],
        ['again', again],
      ] as const) {
        if (!result) continue
        const run = { fleet: fleet.label, part, ...result, unloadMs: round(unloadMs) }
        log(`cold load: ${JSON.stringify(run)}`)
        out.push(run)
      }
      return out
    },
  )
  log(
    `cold load: parsing the V1 state once takes ${parseV1Ms} ms here, sending it once ${sendV1Ms} ms: the bar is ${sizes.barMs} ms`,
  )
  printTable(
    `Scenario 6: cold load of ${settings.trace} x${settings.copies} (${(large.v2.length / 1e6).toFixed(1)} MB V2 / ${(large.v1.length / 1e6).toFixed(1)} MB V1 state, ${(large.textLength / 1e6).toFixed(1)} M chars), one node`,
    runs.map((r) => ({
      fleet: r.fleet,
      part: r.part,
      'first sync (ms)': r.firstSyncMs,
      '× bar': round(r.firstSyncMs / sizes.barMs, 2),
      'synced event (ms)': r.syncedEventMs,
      'node CPU s': r.nodeCpuSec,
      'node RSS MB': r.nodeRssMB,
      'node heap MB': r.nodeHeapMB,
      'unloaded after (ms)': r.unloadMs,
    })),
  )
  const ratios = compareFleets(runs, [
    {
      name: 'first sync, fresh process (ms)',
      filter: (r) => r.part === 'fresh',
      pick: (r) => r.firstSyncMs,
    },
    {
      name: 'first sync, loaded again (ms)',
      filter: (r) => r.part === 'again',
      pick: (r) => r.firstSyncMs,
    },
  ])
  printTable('Ratios (mean over runs)', ratios)
  writeResult('cold-load', { settings, sizes, runs, ratios })
}
