import type { DocChangeStore } from '@weft/client'

/**
 * The getSnapshot of useDocSelector: `select()` once per revision of the store (once in all
 * with no store), the same value for the same revision, as useSyncExternalStore requires of a
 * snapshot (a new value per call would re-render forever).
 */
export function docSelection<T>(
  store: Pick<DocChangeStore, 'getRevision'> | null,
  select: () => T,
): () => T {
  let seen = -1
  let value: T
  return () => {
    const revision = store?.getRevision() ?? 0
    if (revision !== seen) {
      value = select()
      seen = revision
    }
    return value
  }
}
