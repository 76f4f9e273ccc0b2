import { subscribePresence, usersUnder } from '@weft/client'
import { useEffect, useState } from 'react'
import type { Presence } from './usePresence.ts'

const NOBODY: Presence['users'] = []

/**
 * Fleet-wide presence for a document and every document under it (`root` and `root/…`, e.g. a
 * Code project and its files), merged per user (`usersUnder`). The stream is unfiltered (it has
 * no prefix filter) and narrowed here. `root` null: no stream.
 */
export function useProjectPresence(root: string | null, token: string): Presence {
  const [state, setState] = useState<Presence>({ users: NOBODY, status: 'connecting' })
  useEffect(() => {
    setState({ users: NOBODY, status: 'connecting' })
    if (!root) return
    return subscribePresence({
      token,
      onSnapshot: (snapshot) => setState({ users: usersUnder(snapshot, root), status: 'open' }),
      onStatus: (status) =>
        setState((prev) => (prev.status === status ? prev : { ...prev, status })),
    })
  }, [root, token])
  return state
}
