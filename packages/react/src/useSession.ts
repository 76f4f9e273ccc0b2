import {
  fetchMe,
  type Identity,
  identityForToken,
  loadIdentity,
  type Me,
  ProfileError,
  resolveToken,
  saveIdentity,
  saveMe,
} from '@weft/client'
import { useCallback, useEffect, useMemo, useState } from 'react'

export type Session = {
  identity: Identity
  token: string
  /** Renames the local user (dev mode); with a real token the token's name wins. */
  rename: (name: string) => void
  /**
   * The server's record of this user (`GET /api/me`); null until it answered, or when it could
   * not (then `profileError` says why).
   */
  me: Me | null
  profileError: ProfileError | null
  /** Stores a display name and colour on the server; throws ProfileError with its words. */
  saveProfile: (profile: { name: string; color: string }) => Promise<void>
  /**
   * Bumped when the profile changes: the app's connections reconnect so that the node's record
   * of the user (presence, history authorship) carries the new name at once.
   */
  revision: number
}

/**
 * Identity and access token for this browser, from localStorage and `?token=`, with the display
 * name and colour the user chose (kept on the server, docs/identity.md); for `documentName`, a
 * token a share link gave for that document wins over the browser's own.
 */
export function useSession(documentName?: string): Session {
  const [stored, setStored] = useState(() => loadIdentity(localStorage))
  const token = useMemo(
    () => resolveToken(location.search, localStorage, stored, undefined, documentName),
    [stored, documentName],
  )
  const [me, setMe] = useState<Me | null>(null)
  const [profileError, setProfileError] = useState<ProfileError | null>(null)
  const [revision, setRevision] = useState(0)
  useEffect(() => {
    let live = true
    fetchMe(token).then(
      (answer) => {
        if (!live) return
        setMe(answer)
        setProfileError(null)
      },
      (error: unknown) => {
        if (!live) return
        setProfileError(
          error instanceof ProfileError ? error : new ProfileError(0, 'the server is unreachable'),
        )
      },
    )
    return () => {
      live = false
    }
  }, [token])
  const identity = useMemo(() => {
    const fromToken = identityForToken(token, stored)
    if (!me || me.id !== fromToken.id) return fromToken
    return { id: me.id, name: me.name, color: me.color ?? fromToken.color }
  }, [token, stored, me])
  const rename = useCallback(
    (name: string) => {
      const next = { ...stored, name }
      saveIdentity(localStorage, next)
      setStored(next)
    },
    [stored],
  )
  const saveProfile = useCallback(
    async (profile: { name: string; color: string }) => {
      const saved = await saveMe(token, profile)
      setMe(saved)
      // The local identity too: in open dev mode the name travels in the dev token.
      const next = { ...stored, name: saved.name, color: saved.color ?? stored.color }
      saveIdentity(localStorage, next)
      setStored(next)
      setRevision((n) => n + 1)
    },
    [token, stored],
  )
  return { identity, token, rename, me, profileError, saveProfile, revision }
}
