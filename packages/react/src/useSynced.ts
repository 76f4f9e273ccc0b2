import type { HocuspocusProvider } from '@hocuspocus/provider'
import { useEffect, useState } from 'react'

/** True once the document has had its first full sync with the server. */
export function useSynced(provider: HocuspocusProvider | null): boolean {
  const [synced, setSynced] = useState(false)
  useEffect(() => {
    if (!provider) return
    setSynced(provider.isSynced)
    const onSynced = ({ state }: { state: boolean }) => {
      if (state) setSynced(true)
    }
    provider.on('synced', onSynced)
    return () => {
      provider.off('synced', onSynced)
    }
  }, [provider])
  return synced
}
