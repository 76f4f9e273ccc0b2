/**
 * The node's side of a cold load's critical path, each step alone (issue 17 item 4): reading
 * scenario 6's V1 snapshot from Postgres as the node does (`encode(state, 'base64')` through
 * `pg`, then Node's base64 decode; as raw bytes through a binary COPY, decision 0201) and as `pg`
 * gives a bytea by default (hex), and building the
 * update message sent ahead (decision 0166), against the client's parse of the same bytes. Each
 * step prints wall and this process's CPU time and the Postgres backend's CPU time, read from
 * /proc: on a loaded machine only the CPU times hold. Run: `node bench/src/coldLoadRead.ts [rounds]`.
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
  await client.query('INSERT INTO snapshots (state) VALUES ($1)', [Buffer.from(large.v1)])
  // The same bytes stored without TOAST compression: what a read saves by not decompressing.
  await client.query('CREATE TABLE uncompressed (id serial PRIMARY KEY, state bytea NOT NULL)')
  await client.query('ALTER TABLE uncompressed ALTER COLUMN state SET STORAGE EXTERNAL')
  await client.query('INSERT INTO uncompressed (state) VALUES ($1)', [Buffer.from(large.v1)])
  const stored = await client.query<{ compressed: number; external: number }>(
    `SELECT (SELECT pg_column_size(state) FROM snapshots) AS compressed,
            (SELECT pg_column_size(state) FROM uncompressed) AS external`,
  )
  console.log(
    `V1 snapshot: ${large.v1.length} B, stored as ${stored.rows[0]?.compressed} B (default storage), ${stored.rows[0]?.external} B (EXTERNAL); Postgres backend pid ${backend}`,
  )
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
    const binary = await timed('read in binary (COPY … TO STDOUT (FORMAT binary))', backend, () => {
      const copy = new BinaryCopyOut('SELECT state FROM snapshots ORDER BY id DESC LIMIT 1')
      client.query(copy as unknown as pg.QueryConfig)
      return copy.done
    })
    if (!binary || !Buffer.from(binary).equals(large.v1))
      throw new Error('binary read differs from the stored bytes')
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
