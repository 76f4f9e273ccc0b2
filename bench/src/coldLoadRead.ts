/**
 * The node's side of a cold load's critical path, each step alone (issue 17 item 4): reading
 * scenario 6's V1 snapshot from Postgres as the node does (`encode(state, 'base64')` through
 * `pg`, then Node's base64 decode; as raw bytes through a binary COPY, decision 0201) and as `pg`
 * gives a bytea by default (hex), and building the
 * update message sent ahead (decision 0166), against the client's parse of the same bytes. Each
 * step prints wall and this process's CPU time and the Postgres backend's CPU time, read from
 * /proc: on a loaded machine only the CPU times hold. The binary read is also timed from the same
 * value stored with lz4 column compression (decision 0209) and stored uncompressed, and each
 * table's write of it (Postgres's compression, a compaction's cost). Run:
 * `node bench/src/coldLoadRead.ts [rounds]`.
 */
import { readFileSync } from 'node:fs'
import { startPostgres } from '@weft/testkit'
import pg from 'pg'
import * as Y from 'yjs'
import { updateMessage } from '../../apps/server/src/websocket/firstSyncAhead.ts'
import { BinaryCopyOut } from '../../packages/db/src/binaryCopyOut.ts'
import { largeDocument } from './largeDocument.ts'

const rounds = Number(process.argv[2] ?? 3)

const large = largeDocument('automerge-paper', 100)

/** User + system CPU seconds of process `pid` so far (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) / 100
}

async function timed<T>(what: string, backend: number | null, run: () => Promise<T> | T) {
  const started = performance.now()
  const cpu = process.cpuUsage()
  const backendCpu = backend ? cpuOf(backend) : 0
  const result = await run()
  const used = process.cpuUsage(cpu)
  const backendMs = backend ? Math.round((cpuOf(backend) - backendCpu) * 1000) : 0
  console.log(
    `${what}: ${(performance.now() - started).toFixed(0)} ms wall, ${((used.user + used.system) / 1000).toFixed(0)} ms CPU here${backend ? `, ${backendMs} ms CPU in Postgres` : ''}`,
  )
  return result
}

const postgres = await startPostgres()
const client = new pg.Client({ connectionString: await postgres.createDatabase('cold_read') })
try {
  await client.connect()
  const backend = Number(
    (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid,
  )
  await client.query('CREATE TABLE snapshots (id serial PRIMARY KEY, state bytea NOT NULL)')
  // Postgres 15's default column compression (pglz) unless the server's default was changed.
  await client.query(`ALTER TABLE snapshots ALTER COLUMN state SET COMPRESSION pglz`)
  // The same bytes stored without TOAST compression: what a read saves by not decompressing.
  await client.query('CREATE TABLE uncompressed (id serial PRIMARY KEY, state bytea NOT NULL)')
  await client.query('ALTER TABLE uncompressed ALTER COLUMN state SET STORAGE EXTERNAL')
  // And compressed with lz4 (decision 0209).
  await client.query('CREATE TABLE lz4 (id serial PRIMARY KEY, state bytea NOT NULL)')
  await client.query('ALTER TABLE lz4 ALTER COLUMN state SET COMPRESSION lz4')
  const value = Buffer.from(large.v1)
  for (const table of ['snapshots', 'lz4', 'uncompressed'])
    await timed(`write into ${table}`, backend, () =>
      client.query(`INSERT INTO ${table} (state) VALUES ($1)`, [value]),
    )
  const stored = await client.query<{ compressed: number; external: number; lz4: number }>(
    `SELECT (SELECT pg_column_size(state) FROM snapshots) AS compressed,
            (SELECT pg_column_size(state) FROM uncompressed) AS external,
            (SELECT pg_column_size(state) FROM lz4) AS lz4`,
  )
  console.log(
    `V1 snapshot: ${large.v1.length} B, stored as ${stored.rows[0]?.compressed} B (pglz), ${stored.rows[0]?.lz4} B (lz4), ${stored.rows[0]?.external} B (EXTERNAL); Postgres backend pid ${backend}`,
  )
  // When the value's bytes reach this process: Postgres sends a row as one CopyData message once
  // it has detoasted the whole value, and pg-protocol hands it over only when complete, so the
  // span from the first to the last byte is all a read streamed on to the client could overlap.
  const stream = (client as unknown as { connection: { stream: NodeJS.EventEmitter } }).connection
    .stream
  let arrival = ''
  const readBinary = async (table: string) => {
    const started = performance.now()
    let first = 0
    let last = 0
    const arrived = () => {
      last = performance.now()
      first ||= last
    }
    stream.on('data', arrived)
    const copy = new BinaryCopyOut(`SELECT state FROM ${table} ORDER BY id DESC LIMIT 1`)
    client.query(copy as unknown as pg.QueryConfig)
    try {
      return await copy.done
    } finally {
      stream.off('data', arrived)
      arrival = `  bytes from Postgres: first after ${(first - started).toFixed(0)} ms, last after ${(last - started).toFixed(0)} ms`
    }
  }
  for (let round = 1; round <= rounds; round++) {
    console.log(`round ${round}`)
    const base64 = await timed('read as base64 text (the node)', backend, () =>
      client.query<{ state: string }>(
        `SELECT encode(state, 'base64') AS state FROM snapshots ORDER BY id DESC LIMIT 1`,
      ),
    )
    const state = await timed('base64 decode', null, () =>
      Buffer.from(base64.rows[0]?.state ?? '', 'base64'),
    )
    if (!state.equals(large.v1)) throw new Error('base64 read differs from the stored bytes')
    await timed('read as hex, decoded by pg (its default for bytea)', backend, () =>
      client.query('SELECT state FROM snapshots ORDER BY id DESC LIMIT 1'),
    )
    // Postgres's decompression alone: each storage's value detoasted ten times inside the
    // backend (`state || ''` decompresses it, then copies 24.5 MB once), nothing sent.
    for (let i = 0; i < 3; i++) {
      const table = ['snapshots', 'lz4', 'uncompressed'][(i + round) % 3] as string
      await timed(
        `detoast ×10 in Postgres from ${table === 'snapshots' ? 'pglz' : table}`,
        backend,
        () =>
          client.query(
            `SELECT sum(length(state || '\\x'::bytea)) FROM ${table}, generate_series(1, 10)`,
          ),
      )
    }
    // The binary read from each storage, in an order that changes every round.
    const tables = ['snapshots', 'lz4', 'uncompressed']
    for (let i = 0; i < tables.length; i++) {
      const table = tables[(i + round) % tables.length] as string
      const binary = await timed(
        `read in binary (COPY … TO STDOUT (FORMAT binary)) from ${table === 'snapshots' ? 'pglz' : table}`,
        backend,
        () => readBinary(table),
      )
      console.log(arrival)
      if (!binary || !Buffer.from(binary).equals(large.v1))
        throw new Error(`binary read from ${table} differs from the stored bytes`)
    }
    await timed('read as base64 text, stored uncompressed (EXTERNAL)', backend, () =>
      client.query(`SELECT encode(state, 'base64') AS state FROM uncompressed LIMIT 1`),
    )
    await timed('update message (one copy)', null, () => updateMessage('doc', state))
    await timed('client parse (Y.applyUpdate into an empty document)', null, () =>
      Y.applyUpdate(new Y.Doc(), state),
    )
  }
} finally {
  await client.end().catch(() => {})
  await postgres.destroy()
}
