import { type OnlineUser, type PresenceStreamStatus, subscribePresence } from '@weft/client'
import { useEffect, useState } from 'react'

export type Presence = {
  /** Everyone online in the document across the fleet (this user included), by name. */
  users: OnlineUser[]
  /** `open` once the first snapshot arrived; otherwise `users` is empty or stale. */
  status: PresenceStreamStatus
}

const NOBODY: OnlineUser[] = []

/**
 * Fleet-wide presence for one document, from `/api/presence/stream` on the page's own origin
 * (docs/presence.md): people connected through any node, with their connection and node counts.
 * Awareness stays the source of colours, cursors and selections. `document` null: no stream.
 */
export function usePresence(document: string | null, token: string): Presence {
  const [state, setState] = useState<Presence>({ users: NOBODY, status: 'connecting' })
  useEffect(() => {
    setState({ users: NOBODY, status: 'connecting' })
    if (!document) return
    return subscribePresence({
      document,
      token,
      onSnapshot: (snapshot) =>
        setState({ users: snapshot.documents[document] ?? NOBODY, status: 'open' }),
      onStatus: (status) =>
        setState((prev) => (prev.status === status ? prev : { ...prev, status })),
    })
  }, [document, token])
  return state
}
