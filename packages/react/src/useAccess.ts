import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'

/**
 * What the server granted this connection, from Hocuspocus's "authenticated" message: "read"
 * (a read-only token or share link: the app shows no editing affordances), "write", or null
 * until the server has answered.
 */
export function useAccess(provider: HocuspocusProvider | null): 'read' | 'write' | null {
  const [access, setAccess] = useState<'read' | 'write' | null>(() => scopeOf(provider))
  useEffect(() => {
    setAccess(scopeOf(provider))
    if (!provider) return
    const onAuthenticated = () => setAccess(scopeOf(provider))
    provider.on('authenticated', onAuthenticated)
    return () => {
      provider.off('authenticated', onAuthenticated)
    }
  }, [provider])
  return access
}

function scopeOf(provider: HocuspocusProvider | null): 'read' | 'write' | null {
  if (!provider?.authorizedScope) return null
  return provider.authorizedScope === 'readonly' ? 'read' : 'write'
}
