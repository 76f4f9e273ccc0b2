/**
 * The smallest SQL surface the migration runner and the schema check need, implemented for a
 * real Postgres (pg) and for the embedded PGlite, so both run the same migration code.
 */
export interface SqlExecutor {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>
  /** Runs a script of several statements (a migration file). */
  exec(script: string): Promise<void>
  /** Runs `work` inside one transaction on one connection. */
  transaction<T>(work: (sql: SqlExecutor) => Promise<T>): Promise<T>
}
