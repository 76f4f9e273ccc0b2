/**
 * Share links (the `document_shares` table) and who opened them (`document_share_opens`): what
 * the share dialog lists and what decides whether a link, and a token minted from it, still
 * works. A link is never deleted by its owner, only revoked, so "who had access" stays readable.
 */
import type { PrismaClient } from '../generated/prisma/client.ts'

export type ShareRole = 'read' | 'write'

export interface ShareInfo {
  id: string
  documentName: string
  role: ShareRole
  createdById: string
  createdAt: Date
  expiresAt: Date
  revokedAt: Date | null
  opens: { userId: string; userName: string | null; firstOpenedAt: Date; lastOpenedAt: Date }[]
}

const SELECT = {
  id: true,
  documentName: true,
  role: true,
  createdById: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  opens: {
    select: { userId: true, userName: true, firstOpenedAt: true, lastOpenedAt: true },
    orderBy: { firstOpenedAt: 'asc' },
  },
} as const

function toInfo(row: Omit<ShareInfo, 'role'> & { role: string }): ShareInfo {
  return { ...row, role: row.role === 'write' ? 'write' : 'read' }
}

export async function createShare(
  prisma: PrismaClient,
  share: {
    id: string
    documentName: string
    role: ShareRole
    createdById: string
    expiresAt: Date
  },
): Promise<ShareInfo> {
  return toInfo(await prisma.documentShare.create({ data: share, select: SELECT }))
}

/** A document's links, newest first; revoked and expired ones too when `all`. */
export async function listShares(
  prisma: PrismaClient,
  documentName: string,
  options: { all?: boolean; now?: Date } = {},
): Promise<ShareInfo[]> {
  const now = options.now ?? new Date()
  const rows = await prisma.documentShare.findMany({
    where: options.all
      ? { documentName }
      : { documentName, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    take: 200,
    select: SELECT,
  })
  return rows.map(toInfo)
}

export async function getShare(prisma: PrismaClient, id: string): Promise<ShareInfo | null> {
  const row = await prisma.documentShare.findUnique({ where: { id }, select: SELECT })
  return row ? toInfo(row) : null
}

/** Marks the link revoked (once: a second revoke keeps the first time); null when there is none. */
export async function revokeShare(
  prisma: PrismaClient,
  documentName: string,
  id: string,
): Promise<ShareInfo | null> {
  await prisma.documentShare.updateMany({
    where: { id, documentName, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  const row = await prisma.documentShare.findFirst({ where: { id, documentName }, select: SELECT })
  return row ? toInfo(row) : null
}

/** Records that a user opened the link (first and last time). */
export async function recordShareOpen(
  prisma: PrismaClient,
  open: { shareId: string; userId: string; userName: string | null },
): Promise<void> {
  const now = new Date()
  await prisma.documentShareOpen.upsert({
    where: { shareId_userId: { shareId: open.shareId, userId: open.userId } },
    create: { ...open, firstOpenedAt: now, lastOpenedAt: now },
    update: { userName: open.userName, lastOpenedAt: now },
  })
}

/** Of these link ids, those that no longer grant access (revoked, expired or gone). */
export async function deadShares(
  prisma: PrismaClient,
  ids: readonly string[],
  now: Date = new Date(),
): Promise<Set<string>> {
  if (ids.length === 0) return new Set()
  const live = await prisma.documentShare.findMany({
    where: { id: { in: [...ids] }, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true },
  })
  const alive = new Set(live.map((row) => row.id))
  return new Set(ids.filter((id) => !alive.has(id)))
}
