import { existingAssets, type PrismaClient } from '@weft/db'

/**
 * Which of a document's asset ids exist, remembered once seen (assets are never removed while
 * their document exists): CanvasGuard asks on every write that touches an image shape, and a
 * drag of an image must not cost a database query per step.
 */
export class KnownAssets {
  private readonly prisma: PrismaClient
  private readonly known = new Map<string, Set<string>>()

  constructor(prisma: PrismaClient) {
    this.prisma = prisma
  }

  /** The ids of `ids` the document does not hold. */
  async missing(documentName: string, ids: Iterable<string>): Promise<string[]> {
    let known = this.known.get(documentName)
    const unknown = [...ids].filter((id) => !known?.has(id))
    if (unknown.length === 0) return []
    const found = await existingAssets(this.prisma, documentName, unknown)
    if (found.size > 0) {
      known ??= new Set()
      for (const id of found) known.add(id)
      this.known.set(documentName, known)
    }
    return unknown.filter((id) => !found.has(id))
  }

  /** Forgets a document's ids (it unloaded from this node; it may be purged meanwhile). */
  forget(documentName: string): void {
    this.known.delete(documentName)
  }
}
