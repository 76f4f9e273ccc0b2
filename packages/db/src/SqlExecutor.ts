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
  /**
   * The first field of the first row of `select` (a bytea, a query without parameters) as raw
   * bytes, null when no row: pg reads it with a binary COPY, without a text form on either side
   * (decision 0201). Executors without a cheaper way than a query leave it out.
   */
  readBytes?(select: string): Promise<Uint8Array | null>
}
