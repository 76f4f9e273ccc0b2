import type pg from 'pg'
import { BinaryCopyOut } from './binaryCopyOut.ts'
import type { SqlExecutor } from './SqlExecutor.ts'

async function readBytes(client: pg.ClientBase, select: string): Promise<Uint8Array | null> {
  const copy = new BinaryCopyOut(select)
  client.query(copy as unknown as pg.QueryConfig)
  return copy.done
}

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async query(sql, params) {
      return (await client.query(sql, params)).rows
    },
    async exec(script) {
      await client.query(script)
    },
    transaction: (work) => work(clientExecutor(client)),
    readBytes: (select) => readBytes(client, select),
  }
}

export function pgExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async query(sql, params) {
      return (await pool.query(sql, params)).rows
    },
    async exec(script) {
      await pool.query(script)
    },
    async readBytes(select) {
      const client = await pool.connect()
      try {
        const bytes = await readBytes(client, select)
        client.release()
        return bytes
      } catch (error) {
        // A connection that failed mid-COPY is not given back to the pool.
        client.release(error instanceof Error ? error : true)
        throw error
      }
    },
    async transaction(work) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await work(clientExecutor(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {})
        throw error
      } finally {
        client.release()
      }
    },
  }
}
