import type { Identity } from '@weft/client'
import { useEffect, useState } from 'react'
import { DocPool } from './DocPool.ts'

/** One DocPool (one WebSocket) for this tab and token; the identity is updated in place. */
export function useDocPool(token: string, identity: Identity): DocPool | null {
  const [pool, setPool] = useState<DocPool | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: identity changes are applied below, not a reason to reconnect
  useEffect(() => {
    const p = new DocPool(token, identity)
    setPool(p)
    return () => p.destroy()
  }, [token])
  useEffect(() => pool?.setIdentity(identity), [pool, identity])
  return pool
}
