import type { HocuspocusProvider } from '@hocuspocus/provider'
import { createProvider, type Identity, reconnectSocket } from '@weft/client'
import { useEffect, useRef, useState } from 'react'

/**
 * One provider (and Y.Doc) per document name and token, destroyed on unmount or when either
 * changes; none while `connect` is false. The identity is published into awareness whenever
 * it changes without reconnecting. A new `revision` (the user saved a new display name)
 * reconnects the socket, keeping the document, so the node records the new name.
 */
export function useProvider(
  documentName: string,
  token: string,
  identity: Identity,
  revision = 0,
  /** False: no provider yet (the caller holds the WebSocket back until it is ready). */
  connect = true,
): HocuspocusProvider | null {
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: identity is applied by the effect below, not a reason to reconnect
  useEffect(() => {
    if (!connect) return
    const p = createProvider({ documentName, token, identity })
    setProvider(p)
    return () => {
      p.destroy()
      p.document.destroy()
    }
  }, [documentName, token, connect])
  useEffect(() => {
    provider?.setAwarenessField('user', identity)
  }, [provider, identity])
  const seenRevision = useRef(revision)
  useEffect(() => {
    if (!provider || seenRevision.current === revision) return
    seenRevision.current = revision
    reconnectSocket(provider.configuration.websocketProvider)
  }, [provider, revision])
  return provider
}
