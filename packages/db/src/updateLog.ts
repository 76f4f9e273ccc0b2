import type { PrismaClient } from '../generated/prisma/client.ts'

/** One client update as the receiving node logs it. */
export interface LoggedUpdate {
  documentName: string
  /** Unique per update across the fleet; a retried batch inserts nothing twice. */
  updateKey: string
  update: Uint8Array
  userId: string | null
  userName: string | null
  nodeId: string
  receivedAt: Date
}

/**
 * Appends a batch in one transaction: documents first (the log references them), then the rows,
 * both with ON CONFLICT DO NOTHING so that retrying a batch whose commit was not acknowledged
 * keeps each update exactly once.
 */
export async function appendUpdates(prisma: PrismaClient, batch: LoggedUpdate[]): Promise<void> {
  if (batch.length === 0) return
  const names = [...new Set(batch.map((row) => row.documentName))]
  await prisma.$transaction([
    prisma.document.createMany({ data: names.map((name) => ({ name })), skipDuplicates: true }),
    prisma.documentUpdate.createMany({
      data: batch.map((row) => ({ ...row, update: new Uint8Array(row.update) })),
      skipDuplicates: true,
    }),
  ])
}
