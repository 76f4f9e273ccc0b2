import type { HocuspocusProvider } from '@hocuspocus/provider'
import { type ConnectionStatus, watchConnectionStatus } from '@weft/client'
import { useEffect, useState } from 'react'

const INITIAL: ConnectionStatus = { state: 'connecting', pendingEdits: 0 }

export function useConnectionStatus(provider: HocuspocusProvider | null): ConnectionStatus {
  const [status, setStatus] = useState(INITIAL)
  useEffect(() => {
    if (!provider) return
    return watchConnectionStatus(provider, setStatus)
  }, [provider])
  return status
}
