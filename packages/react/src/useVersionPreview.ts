import { type EditingSession, restoreDocumentVersion } from '@weft/client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { announce } from './announcer.ts'

export type VersionPreview<T> = {
  /** The session being viewed and its content, once loaded. */
  viewing: { session: EditingSession; content: T } | null
  /** The session whose content is loading. */
  loading: EditingSession | null
  error: string | null
  busy: boolean
  open: (session: EditingSession) => void
  /** Back to the live document. */
  close: () => void
  /** Restores the viewed version for everyone, then goes back to live. */
  restore: () => Promise<void>
}

/**
 * A past version being looked at: loads its content with `load` (a Yjs document for the sheet and
 * the canvas, the project's files for Code), restores it through POST …/restore. `dispose` frees
 * what `load` made when the preview closes.
 */
export function useVersionPreview<T>(
  documentName: string,
  token: string,
  load: (version: string) => Promise<T>,
  dispose?: (content: T) => void,
): VersionPreview<T> {
  const [viewing, setViewing] = useState<{ session: EditingSession; content: T } | null>(null)
  const [loading, setLoading] = useState<EditingSession | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const request = useRef(0)
  const shown = useRef<T | null>(null)

  const replace = useCallback(
    (next: { session: EditingSession; content: T } | null) => {
      if (shown.current !== null) dispose?.(shown.current)
      shown.current = next?.content ?? null
      setViewing(next)
    },
    [dispose],
  )

  useEffect(() => () => replace(null), [replace])

  const open = useCallback(
    (session: EditingSession) => {
      const id = ++request.current
      setLoading(session)
      setError(null)
      load(session.version).then(
        (content) => {
          if (id !== request.current) return dispose?.(content)
          setLoading(null)
          replace({ session, content })
          announce(`Viewing version of ${describeWhen(session)}, read-only`)
        },
        (e: unknown) => {
          if (id !== request.current) return
          setLoading(null)
          setError(e instanceof Error ? e.message : String(e))
        },
      )
    },
    [load, dispose, replace],
  )

  const close = useCallback(() => {
    request.current++
    setLoading(null)
    setError(null)
    replace(null)
  }, [replace])

  const restore = useCallback(async () => {
    if (!viewing) return
    setBusy(true)
    setError(null)
    try {
      await restoreDocumentVersion(documentName, token, viewing.session.version)
      announce(`Restored the version of ${describeWhen(viewing.session)} for everyone`)
      close()
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }, [viewing, documentName, token, close])

  return { viewing, loading, error, busy, open, close, restore }
}

/** "4 Dec, 14:20 by Ada": when a session ended and who edited in it. */
export function describeWhen(session: EditingSession): string {
  const when = new Date(session.end).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  return session.people.length > 0 ? `${when} by ${session.people.join(', ')}` : when
}
