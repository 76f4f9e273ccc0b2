/**
 * Reads prisma/schema.prisma into the facts a database must agree with: tables, columns
 * (SQL type, nullability, default), primary keys, unique constraints, indexes and foreign keys,
 * named the way Prisma names them. Covers the schema features this project uses.
 */
import { readFileSync } from 'node:fs'

export interface ExpectedColumn {
  table: string
  column: string
  sqlType: string
  nullable: boolean
  hasDefault: boolean
}

export interface ExpectedSchema {
  columns: ExpectedColumn[]
  primaryKeys: Map<string, string[]>
  uniques: { table: string; columns: string[] }[]
  indexes: { table: string; columns: string[] }[]
  foreignKeys: { table: string; columns: string[]; references: string; onDelete: string }[]
}

const SCALARS: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  Bytes: 'bytea',
  Float: 'double precision',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
}

const ON_DELETE: Record<string, string> = {
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
}

function mapName(attributes: string, fallback: string): string {
  return /@map\("([^"]+)"\)/.exec(attributes)?.[1] ?? fallback
}

export function readPrismaSchema(path: string): ExpectedSchema {
  const source = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '')
  const models = [...source.matchAll(/model\s+(\w+)\s*\{([^}]*)\}/g)]
  const tableOf = new Map(
    models.map(([, name, body]) => [
      name as string,
      /@@map\("([^"]+)"\)/.exec(body as string)?.[1] ?? (name as string),
    ]),
  )
  const expected: ExpectedSchema = {
    columns: [],
    primaryKeys: new Map(),
    uniques: [],
    indexes: [],
    foreignKeys: [],
  }

  for (const [, modelName, body] of models) {
    const table = tableOf.get(modelName as string) as string
    const columnOf = new Map<string, string>()
    const lines = (body as string)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
    for (const line of lines) {
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line)
      if (!field || line.startsWith('@@')) continue
      const [, name, type, list, optional, attributes = ''] = field as unknown as string[]
      if (!SCALARS[type as string] || list) {
        const relation =
          /@relation\(fields:\s*\[([^\]]+)\],\s*references:\s*\[([^\]]+)\](?:,\s*onDelete:\s*(\w+))?/.exec(
            attributes as string,
          )
        if (relation) {
          expected.foreignKeys.push({
            table,
            columns: (relation[1] as string).split(',').map((f) => f.trim()),
            references: tableOf.get(type as string) as string,
            onDelete: ON_DELETE[relation[3] ?? 'NoAction'] as string,
          })
        }
        continue
      }
      const column = mapName(attributes as string, name as string)
      columnOf.set(name as string, column)
      const dbType = /@db\.Timestamptz\((\d+)\)/.exec(attributes as string)
      const autoincrement = (attributes as string).includes('autoincrement()')
      expected.columns.push({
        table,
        column,
        sqlType: dbType
          ? `timestamp(${dbType[1]}) with time zone`
          : (attributes as string).includes('@db.SmallInt')
            ? 'smallint'
            : (SCALARS[type as string] as string),
        nullable: Boolean(optional),
        hasDefault: (attributes as string).includes('@default(') || autoincrement,
      })
      if ((attributes as string).includes('@id')) expected.primaryKeys.set(table, [column])
      if ((attributes as string).includes('@unique'))
        expected.uniques.push({ table, columns: [column] })
    }
    for (const line of lines) {
      const index = /^@@(index|unique|id)\(\[([^\]]+)\]/.exec(line)
      if (!index) continue
      const columns = (index[2] as string).split(',').map((f) => columnOf.get(f.trim()) ?? f.trim())
      // A composite primary key (`@@id([a, b])`).
      if (index[1] === 'id') expected.primaryKeys.set(table, columns)
      else (index[1] === 'unique' ? expected.uniques : expected.indexes).push({ table, columns })
    }
    for (const fk of expected.foreignKeys.filter((key) => key.table === table)) {
      fk.columns = fk.columns.map((f) => columnOf.get(f) ?? f)
    }
  }
  return expected
}
