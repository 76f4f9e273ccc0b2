import { useEffect, useState } from 'react'
import type { DocPool } from './DocPool.ts'

/** Unacknowledged local edits across every document of the pool (project and files). */
export function usePendingEdits(pool: DocPool | null): number {
  const [pending, setPending] = useState(0)
  useEffect(() => {
    if (!pool) return
    const update = () => setPending(pool.pendingEdits())
    update()
    return pool.subscribe(update)
  }, [pool])
  return pending
}
