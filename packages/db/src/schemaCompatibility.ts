/**
 * Expand/contract (docs/decisions/0050): which database schemas an image may run on.
 *
 * A migration is *expand* unless its directory name ends in `_contract`. Expand migrations only
 * add — tables, nullable or defaulted columns, indexes and constraints on tables they create —
 * so the previous image keeps working on the newer schema, and a rollback (or the old pods of a
 * rolling update) is never blocked by them. A *contract* migration removes or changes what older
 * code may still use; an image that does not know it refuses the database.
 */

export const CONTRACT_SUFFIX = '_contract'

export function isContract(name: string): boolean {
  return name.endsWith(CONTRACT_SUFFIX)
}

export interface SchemaComparison {
  /** Migrations of this image the database has not applied yet. */
  pending: string[]
  /** Applied migrations this image does not know (a newer release's), all expand ones. */
  newer: string[]
  /** Why this image must not run on the database, when it must not. */
  problem?: string
}

/** Compares the migrations an image ships (sorted names) with those applied to the database. */
export function compareSchema(known: string[], applied: Iterable<string>): SchemaComparison {
  const knownSet = new Set(known)
  const appliedSet = new Set(applied)
  const pending = known.filter((name) => !appliedSet.has(name))
  const newer = [...appliedSet].filter((name) => !knownSet.has(name)).sort()
  if (newer.length === 0) return { pending, newer }
  const latest = known.at(-1) ?? ''
  const interleaved = newer.filter((name) => name <= latest)
  if (interleaved.length > 0)
    return {
      pending,
      newer,
      problem: `database has migrations this build does not know that are older than its own newest (${interleaved.join(', ')}): it was migrated by another line of development`,
    }
  if (pending.length > 0)
    return {
      pending,
      newer,
      problem: `database is ahead of this build (${newer.join(', ')}) yet lacks ${pending.join(', ')}: it was migrated by another line of development`,
    }
  const contract = newer.filter(isContract)
  if (contract.length > 0)
    return {
      pending,
      newer,
      problem: `database has contract migrations this build does not know (${contract.join(', ')}): this image is too old for it; roll forward`,
    }
  return { pending, newer }
}

/** What makes a statement a contract step, checked in order; `onNewTable` exempts the rule. */
const CONTRACT_RULES: { pattern: RegExp; reason: string; exemptOnNewTable?: boolean }[] = [
  { pattern: /^DROP\b|\bDROP (COLUMN|CONSTRAINT|DEFAULT)\b/, reason: 'drops something' },
  { pattern: /\bRENAME\b/, reason: 'renames something' },
  { pattern: /^(TRUNCATE|DELETE|UPDATE)\b/, reason: 'changes existing rows' },
  { pattern: /\bALTER COLUMN \S+ (SET DATA )?TYPE\b/, reason: 'changes a column type' },
  { pattern: /\bSET NOT NULL\b/, reason: 'makes a column NOT NULL' },
  {
    pattern: /\bADD (COLUMN )?(?:(?!\bDEFAULT\b)[^,])*\bNOT NULL\b(?:(?!\bDEFAULT\b)[^,])*$/,
    reason: 'adds a NOT NULL column without a default',
    exemptOnNewTable: true,
  },
  {
    pattern: /\bADD CONSTRAINT\b|^CREATE UNIQUE INDEX\b/,
    reason: 'constrains an existing table',
    exemptOnNewTable: true,
  },
]

/**
 * Statements in a migration's SQL that make it a contract step: they remove, rename or tighten
 * something that already exists. Used to check that every migration not named `_contract` is
 * additive. Constraints and unique indexes on tables created in the same migration are fine.
 */
export function contractStatements(sql: string): string[] {
  const text = sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '')
  const created = new Set(
    [...text.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?("?[\w.]+"?)/gi)].map((m) =>
      unquote(m[1] as string),
    ),
  )
  const found: string[] = []
  for (const raw of text.split(';')) {
    const statement = raw.replace(/\s+/g, ' ').trim()
    if (!statement) continue
    const upper = statement.toUpperCase()
    const table = targetTable(statement)
    const onNewTable = table !== undefined && created.has(table)
    const rule = CONTRACT_RULES.find(
      (r) => r.pattern.test(upper) && !(r.exemptOnNewTable && onNewTable),
    )
    if (rule) found.push(`${rule.reason}: ${statement.slice(0, 120)}`)
  }
  return found
}

/** The table an ALTER TABLE or CREATE UNIQUE INDEX statement works on. */
function targetTable(statement: string): string | undefined {
  const alter = /^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?("?[\w.]+"?)/i.exec(statement)
  const index =
    /^CREATE UNIQUE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?\S+ ON (?:ONLY )?("?[\w.]+"?)/i.exec(
      statement,
    )
  const name = (alter ?? index)?.[1]
  return name === undefined ? undefined : unquote(name)
}

function unquote(name: string): string {
  return name.replace(/"/g, '').toLowerCase()
}
