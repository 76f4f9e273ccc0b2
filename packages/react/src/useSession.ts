import {
  type Identity,
  identityForToken,
  loadIdentity,
  resolveToken,
  saveIdentity,
} from '@weft/client'
import { useCallback, useMemo, useState } from 'react'

export type Session = {
  identity: Identity
  token: string
  /** Renames the local user (dev mode); with a real token the token's name wins. */
  rename: (name: string) => void
}

/**
 * Identity and access token for this browser, from localStorage and `?token=`; for
 * `documentName`, a token a share link gave for that document wins over the browser's own.
 */
export function useSession(documentName?: string): Session {
  const [stored, setStored] = useState(() => loadIdentity(localStorage))
  const token = useMemo(
    () => resolveToken(location.search, localStorage, stored, undefined, documentName),
    [stored, documentName],
  )
  const identity = useMemo(() => identityForToken(token, stored), [token, stored])
  const rename = useCallback(
    (name: string) => {
      const next = { ...stored, name }
      saveIdentity(localStorage, next)
      setStored(next)
    },
    [stored],
  )
  return { identity, token, rename }
}
