import type { PGlite, Transaction } from '@electric-sql/pglite'
import type { SqlExecutor } from './SqlExecutor.ts'

function transactionExecutor(tx: Transaction): SqlExecutor {
  return {
    async query(sql, params) {
      return (await tx.query(sql, params)).rows as never[]
    },
    async exec(script) {
      await tx.exec(script)
    },
    transaction: (work) => work(transactionExecutor(tx)),
  }
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    async query(sql, params) {
      return (await db.query(sql, params)).rows as never[]
    },
    async exec(script) {
      await db.exec(script)
    },
    transaction: (work) => db.transaction((tx) => work(transactionExecutor(tx))),
  }
}
