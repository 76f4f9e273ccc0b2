/**
 * Grids' stored first screens (the `grid_first_screens` table, decision 0195): the JSON a node
 * answers GET …/first-screen with when it has not loaded the sheet. Written by the node holding
 * the document at each save that changed it.
 */
import type { PrismaClient } from '../generated/prisma/client.ts'

export async function readFirstScreen(prisma: PrismaClient, documentName: string) {
  const row = await prisma.gridFirstScreen.findUnique({ where: { documentName } })
  return row ? (row.screen as unknown) : null
}

/** Replaces the stored screen; false when the document has no row (nothing to attach it to). */
export async function saveFirstScreen(
  prisma: PrismaClient,
  documentName: string,
  screen: unknown,
): Promise<boolean> {
  const result = await prisma.$executeRaw`
    INSERT INTO grid_first_screens (document_name, screen, updated_at)
    SELECT ${documentName}, ${JSON.stringify(screen)}::jsonb, now()
    WHERE EXISTS (SELECT 1 FROM documents WHERE name = ${documentName})
    ON CONFLICT (document_name) DO UPDATE SET screen = EXCLUDED.screen, updated_at = now()`
  return result > 0
}
