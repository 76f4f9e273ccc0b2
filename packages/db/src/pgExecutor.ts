import type pg from 'pg'
import type { SqlExecutor } from './SqlExecutor.ts'

function clientExecutor(client: pg.PoolClient): SqlExecutor {
  return {
    async query(sql, params) {
      return (await client.query(sql, params)).rows
    },
    async exec(script) {
      await client.query(script)
    },
    transaction: (work) => work(clientExecutor(client)),
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
