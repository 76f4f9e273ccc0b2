import type { HocuspocusProvider } from '@hocuspocus/provider'
import { createProvider, type Identity } from '@weft/client'
import { useEffect, useState } from 'react'

/**
 * One provider (and Y.Doc) per document name and token, destroyed on unmount
 * or when either changes. The identity is published into awareness whenever
 * it changes without reconnecting.
 */
export function useProvider(
  documentName: string,
  token: string,
  identity: Identity,
): HocuspocusProvider | null {
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: identity is applied by the effect below, not a reason to reconnect
  useEffect(() => {
    const p = createProvider({ documentName, token, identity })
    setProvider(p)
    return () => {
      p.destroy()
      p.document.destroy()
    }
  }, [documentName, token])
  useEffect(() => {
    provider?.setAwarenessField('user', identity)
  }, [provider, identity])
  return provider
}
