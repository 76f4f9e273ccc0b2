/**
 * The reference node: bare @hocuspocus/server 4.7, with the stock @hocuspocus/extension-redis
 * when REDIS_URL is set, and, when DATABASE_URL is set, the stock @hocuspocus/extension-database
 * storing the full document state (`encodeStateAsUpdate`, what Database passes to `store`) into
 * `reference_documents` on Hocuspocus's default debounce (2 s, at most 10 s). Neither set: bare
 * Hocuspocus with no extensions. One process per node, like ours. Env: PORT, NODE_ID,
 * REDIS_URL (optional), DATABASE_URL (optional).
 */
import { Database } from '@hocuspocus/extension-database'
import { Redis } from '@hocuspocus/extension-redis'
import { type Extension, Server } from '@hocuspocus/server'
import pg from 'pg'

const port = Number(process.env.PORT)
const nodeId = process.env.NODE_ID ?? 'ref'

const extensions: Extension[] = []
if (process.env.REDIS_URL) {
  const redisUrl = new URL(process.env.REDIS_URL)
  extensions.push(
    new Redis({
      host: redisUrl.hostname,
      port: Number(redisUrl.port),
      identifier: `${nodeId}-${process.pid}`,
      prefix: 'hocuspocus',
    }),
  )
}

if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
  extensions.push(
    new Database({
      fetch: async ({ documentName }) => {
        const result = await pool.query('SELECT state FROM reference_documents WHERE name = $1', [
          documentName,
        ])
        return (result.rows[0]?.state as Uint8Array | undefined) ?? null
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO reference_documents (name, state, stored_at) VALUES ($1, $2, now())
           ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state, stored_at = now()`,
          [documentName, Buffer.from(state)],
        )
      },
    }),
  )
}

const server = new Server({ port, address: '127.0.0.1', quiet: true, extensions })
await server.listen()
process.stdout.write(`reference ${nodeId} listening on ${port}\n`)
