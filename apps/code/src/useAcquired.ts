import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'
import type { DocPool } from './DocPool.ts'

/** The pooled provider of one document while the component is mounted. */
export function useAcquired(
  pool: DocPool | null,
  documentName: string | null,
): HocuspocusProvider | null {
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null)
  useEffect(() => {
    if (!pool || !documentName) {
      setProvider(null)
      return
    }
    setProvider(pool.acquire(documentName))
    return () => pool.release(documentName)
  }, [pool, documentName])
  return provider
}
