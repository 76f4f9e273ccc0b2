/**
 * Document metadata (the `documents` table): what the home page and the REST API list. Rows are
 * created by the API (with a title and an owner) or by the first logged edit (updateLog.ts);
 * "last edited" is kept current by the update-log write. Only top-level documents are listed:
 * per-file code documents and tile boards (`…/<sub>`) belong to their project or canvas.
 */
import type { PrismaClient } from '../generated/prisma/client.ts'

export interface DocumentInfo {
  name: string
  kind: string
  title: string | null
  ownerId: string | null
  ownerName: string | null
  createdAt: Date
  updatedAt: Date | null
  updatedById: string | null
  updatedByName: string | null
  deletedAt: Date | null
}

export interface ListDocumentsOptions {
  /** Case-insensitive substring of the title (or of the name, for untitled documents). */
  search?: string
  /** List the trash instead of the live documents. */
  trashed?: boolean
  kind?: string
  limit: number
}

const SELECT = {
  name: true,
  kind: true,
  title: true,
  ownerId: true,
  ownerName: true,
  createdAt: true,
  updatedAt: true,
  updatedById: true,
  updatedByName: true,
  deletedAt: true,
} as const

function kindOf(name: string): string {
  return name.slice(0, name.indexOf(':'))
}

function toInfo(row: Omit<DocumentInfo, 'kind'> & { kind: string | null }): DocumentInfo {
  return { ...row, kind: row.kind ?? kindOf(row.name) }
}

/** Most recently edited (or created) first. */
export async function listDocuments(
  prisma: PrismaClient,
  options: ListDocumentsOptions,
): Promise<DocumentInfo[]> {
  const search = options.search?.trim()
  const rows = await prisma.document.findMany({
    where: {
      AND: [
        { name: { not: { contains: '/' } } },
        options.trashed ? { deletedAt: { not: null } } : { deletedAt: null },
        options.kind ? { name: { startsWith: `${options.kind}:` } } : {},
        search
          ? {
              OR: [
                { title: { contains: search, mode: 'insensitive' } },
                { title: null, name: { contains: search, mode: 'insensitive' } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ updatedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    take: options.limit,
    select: SELECT,
  })
  return rows.map(toInfo)
}

export async function getDocument(
  prisma: PrismaClient,
  name: string,
): Promise<DocumentInfo | null> {
  const row = await prisma.document.findUnique({ where: { name }, select: SELECT })
  return row ? toInfo(row) : null
}

/** Creates the row; null when a document of that name exists already. */
export async function createDocument(
  prisma: PrismaClient,
  document: { name: string; title: string | null; ownerId: string; ownerName: string | null },
): Promise<DocumentInfo | null> {
  const inserted = await prisma.document.createManyAndReturn({
    data: [{ ...document, kind: kindOf(document.name) }],
    skipDuplicates: true,
    select: SELECT,
  })
  const row = inserted[0]
  return row ? toInfo(row) : null
}

/**
 * Changes title and/or trash state of an existing document; null when there is none. A document
 * that only ever lived in memory (never edited) gets its row here.
 */
export async function updateDocument(
  prisma: PrismaClient,
  name: string,
  change: { title?: string | null; deletedAt?: Date | null },
): Promise<DocumentInfo | null> {
  const result = await prisma.document.updateManyAndReturn({
    where: { name },
    data: change,
    select: SELECT,
  })
  const row = result[0]
  return row ? toInfo(row) : null
}

/**
 * Deletes documents that have been in the trash since before `cutoff`, with their log,
 * snapshots and (for a code project) its per-file documents. Returns the names purged.
 */
export async function purgeTrash(prisma: PrismaClient, cutoff: Date): Promise<string[]> {
  const expired = await prisma.document.findMany({
    where: { deletedAt: { lt: cutoff } },
    select: { name: true },
    take: 500,
  })
  const names = expired.map((row) => row.name)
  if (names.length === 0) return []
  // Plain equality on the prefix: a LIKE pattern would read `_` in an id as a wildcard.
  await prisma.$executeRaw`
    DELETE FROM documents WHERE name = ANY(${names}) OR split_part(name, '/', 1) = ANY(${names})`
  return names
}
