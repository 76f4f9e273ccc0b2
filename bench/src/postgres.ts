import pg from 'pg'

/** One row of a query against a fleet's database, every column as a number. */
export async function queryOne(
  databaseUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const result = await client.query(sql, params)
    const row = (result.rows[0] ?? {}) as Record<string, unknown>
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]))
  } finally {
    await client.end()
  }
}
