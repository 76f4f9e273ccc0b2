import { type Identity, reconnectSocket } from '@weft/client'
import { useEffect, useRef, useState } from 'react'
import { DocPool } from './DocPool.ts'

/**
 * One DocPool (one WebSocket) for this tab and token; the identity is updated in place, and a new
 * `revision` (a saved display name) reconnects the socket so the node records the new name.
 */
export function useDocPool(token: string, identity: Identity, revision = 0): DocPool | null {
  const [pool, setPool] = useState<DocPool | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: identity changes are applied below, not a reason to reconnect
  useEffect(() => {
    const p = new DocPool(token, identity)
    setPool(p)
    return () => p.destroy()
  }, [token])
  useEffect(() => pool?.setIdentity(identity), [pool, identity])
  const seenRevision = useRef(revision)
  useEffect(() => {
    if (!pool || seenRevision.current === revision) return
    seenRevision.current = revision
    reconnectSocket(pool.socket)
  }, [pool, revision])
  return pool
}
