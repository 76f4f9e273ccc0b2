import type { HocuspocusProvider } from '@hocuspocus/provider'
import { type AwarenessUser, awarenessUsers } from '@weft/client'
import { useEffect, useState } from 'react'

/** Everyone connected to the document (this client included, flagged isLocal). */
export function useAwarenessUsers<State = Record<string, unknown>>(
  provider: HocuspocusProvider | null,
): AwarenessUser<State>[] {
  const [users, setUsers] = useState<AwarenessUser<State>[]>([])
  useEffect(() => {
    const awareness = provider?.awareness
    if (!awareness) return
    const update = () => setUsers(awarenessUsers<State>(awareness))
    awareness.on('change', update)
    update()
    return () => awareness.off('change', update)
  }, [provider])
  return users
}
