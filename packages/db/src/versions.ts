/**
 * Versions of a document for the REST API's history and restore: every logged update (the state
 * right after it) and every snapshot (the state it compacted). A version id is `update:<row id>`
 * or `snapshot:<id>`.
 */
import * as Y from 'yjs'
import type { PrismaClient } from '../generated/prisma/client.ts'
import { applyState } from './snapshotEncoding.ts'

export interface VersionInfo {
  id: string
  /** The document the version belongs to: a code project's listing includes its files'. */
  documentName: string
  kind: 'update' | 'snapshot'
  at: Date
  userId: string | null
  userName: string | null
  nodeId: string
}

/** The document, and with `withParts` the documents under it (a code project's files). */
function documentsOf(documentName: string, withParts: boolean) {
  return withParts
    ? { OR: [{ documentName }, { documentName: { startsWith: `${documentName}/` } }] }
    : { documentName }
}

/**
 * Newest first; `before` (a version's time) pages back. `withParts` lists the versions of the
 * documents under this one too (a code project's files: its history is theirs as well).
 */
export async function listVersions(
  prisma: PrismaClient,
  documentName: string,
  options: { limit: number; before?: Date; withParts?: boolean },
): Promise<VersionInfo[]> {
  const beforeFilter = options.before ? { lt: options.before } : undefined
  const documents = documentsOf(documentName, options.withParts ?? false)
  const [updates, snapshots] = await Promise.all([
    prisma.documentUpdate.findMany({
      where: { ...documents, ...(beforeFilter ? { receivedAt: beforeFilter } : {}) },
      orderBy: { id: 'desc' },
      take: options.limit,
      select: {
        id: true,
        documentName: true,
        receivedAt: true,
        userId: true,
        userName: true,
        nodeId: true,
      },
    }),
    prisma.snapshot.findMany({
      where: { ...documents, ...(beforeFilter ? { createdAt: beforeFilter } : {}) },
      orderBy: { id: 'desc' },
      take: options.limit,
      select: { id: true, documentName: true, createdAt: true, nodeId: true },
    }),
  ])
  const versions: VersionInfo[] = [
    ...updates.map((row) => ({
      id: `update:${row.id}`,
      documentName: row.documentName,
      kind: 'update' as const,
      at: row.receivedAt,
      userId: row.userId,
      userName: row.userName,
      nodeId: row.nodeId,
    })),
    ...snapshots.map((row) => ({
      id: `snapshot:${row.id}`,
      documentName: row.documentName,
      kind: 'snapshot' as const,
      at: row.createdAt,
      userId: null,
      userName: null,
      nodeId: row.nodeId,
    })),
  ]
  // Rows logged in the same millisecond keep their log order (newest id first).
  const idOf = (version: VersionInfo) => BigInt(version.id.slice(version.id.indexOf(':') + 1))
  return versions
    .sort(
      (a, b) =>
        b.at.getTime() - a.at.getTime() ||
        (a.kind === b.kind ? Number(idOf(b) - idOf(a)) : a.kind === 'snapshot' ? -1 : 1),
    )
    .slice(0, options.limit)
}

const VERSION_ID = /^(update|snapshot):(\d{1,19})$/

export function isVersionId(id: unknown): id is string {
  return typeof id === 'string' && VERSION_ID.test(id)
}

export type VersionState =
  | { ok: true; state: Uint8Array }
  | { ok: false; problem: 'not-found' | 'pruned' }

/**
 * The full state of a document at a version, as one V1 update. An update row sits on top of the
 * snapshot before the one it was compacted into (or the latest, while uncompacted) plus the
 * earlier rows of its group — the chain `documentHistory` reads too — all read in one REPEATABLE
 * READ transaction so a compaction committing meanwhile cannot shift the chain. When history
 * retention removed part of that chain, the state would be missing content: that is "pruned".
 */
export async function versionState(
  prisma: PrismaClient,
  documentName: string,
  versionId: string,
): Promise<VersionState> {
  const match = VERSION_ID.exec(versionId)
  if (!match) return { ok: false, problem: 'not-found' }
  const id = BigInt(match[2] as string)
  const read = await prisma.$transaction(
    async (tx) => {
      if (match[1] === 'snapshot') {
        const snapshot = await tx.snapshot.findFirst({
          where: { documentName, id },
          select: { state: true, encoding: true },
        })
        return snapshot ? { snapshot, rows: [] as Uint8Array[], complete: true } : null
      }
      const row = await tx.documentUpdate.findFirst({
        where: { documentName, id },
        select: { snapshotId: true },
      })
      if (!row) return null
      const group = row.snapshotId
      const snapshot = await tx.snapshot.findFirst({
        where: { documentName, ...(group !== null ? { id: { lt: group } } : {}) },
        orderBy: { id: 'desc' },
        select: { state: true, encoding: true },
      })
      const rows = await tx.documentUpdate.findMany({
        where: { documentName, snapshotId: group, id: { lte: id } },
        orderBy: { id: 'asc' },
        select: { update: true },
      })
      // A compacted group whose snapshot counted more rows than remain lost some to retention.
      let complete = true
      if (group !== null) {
        const into = await tx.snapshot.findFirst({
          where: { id: group },
          select: { updateCount: true },
        })
        const remaining = await tx.documentUpdate.count({
          where: { documentName, snapshotId: group },
        })
        complete = !into || remaining >= into.updateCount
      }
      return { snapshot, rows: rows.map((r) => r.update), complete }
    },
    { isolationLevel: 'RepeatableRead' },
  )
  if (!read) return { ok: false, problem: 'not-found' }
  const doc = new Y.Doc()
  try {
    applyState(doc, read.snapshot, read.rows)
    // Updates whose dependencies are missing stay pending: the chain is incomplete.
    if (!read.complete || doc.store.pendingStructs || doc.store.pendingDs) {
      return { ok: false, problem: 'pruned' }
    }
    return { ok: true, state: Y.encodeStateAsUpdate(doc) }
  } finally {
    doc.destroy()
  }
}

/**
 * When a version was made (its log row's arrival, its snapshot's creation); null if unknown.
 * `withParts`: the version may be one of a document under this one (a code project's file).
 */
export async function versionTime(
  prisma: PrismaClient,
  documentName: string,
  versionId: string,
  withParts = false,
): Promise<Date | null> {
  const match = VERSION_ID.exec(versionId)
  if (!match) return null
  const id = BigInt(match[2] as string)
  const documents = documentsOf(documentName, withParts)
  if (match[1] === 'snapshot') {
    const row = await prisma.snapshot.findFirst({
      where: { ...documents, id },
      select: { createdAt: true },
    })
    return row?.createdAt ?? null
  }
  const row = await prisma.documentUpdate.findFirst({
    where: { ...documents, id },
    select: { receivedAt: true },
  })
  return row?.receivedAt ?? null
}

/**
 * The newest version of a document made at or before `at`, or null when it had none then. A
 * code project's version is matched with its files' versions this way: each file is its own
 * document with its own log, so "the project as it was" is every file as it was at that time.
 */
export async function versionAt(
  prisma: PrismaClient,
  documentName: string,
  at: Date,
): Promise<string | null> {
  const [row, snapshot] = await Promise.all([
    prisma.documentUpdate.findFirst({
      where: { documentName, receivedAt: { lte: at } },
      orderBy: { id: 'desc' },
      select: { id: true },
    }),
    prisma.snapshot.findFirst({
      where: { documentName, createdAt: { lte: at } },
      orderBy: { id: 'desc' },
      select: { id: true, createdAt: true },
    }),
  ])
  // A row still in the log rebuilds exactly what followed it; a snapshot is the fallback when
  // retention removed the rows (a snapshot covers everything logged before it).
  if (row) return `update:${row.id}`
  return snapshot ? `snapshot:${snapshot.id}` : null
}
