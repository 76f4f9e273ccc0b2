import { watchDocVersion } from '@weft/client'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'

export interface RefreshingFetch<T> {
  /** The last answer; null until the first one arrives. */
  data: T | null
  /** The last failure in words; cleared by the next answer. */
  error: string | null
  /** Fetches again now (a Refresh button). */
  refresh: () => void
}

/**
 * Server data about a document (its log, its versions) that follows the document: fetched on
 * mount, again `refreshMs` after the live document last changed (so a burst of typing costs one
 * request), and whenever `key` (the document and token) changes. `load` may close over the latest
 * render's values: the newest one is used.
 */
export function useRefreshingFetch<T>(
  doc: Y.Doc | null,
  key: string,
  refreshMs: number,
  load: () => Promise<T>,
): RefreshingFetch<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [stamp, setStamp] = useState(0)
  const latestLoad = useRef(load)
  latestLoad.current = load

  useEffect(() => {
    if (!doc) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let first = true
    const stop = watchDocVersion(doc, () => {
      // The subscription answers once at once; that is the mount's fetch, not a change.
      if (first) {
        first = false
        return
      }
      clearTimeout(timer)
      timer = setTimeout(() => setStamp((s) => s + 1), refreshMs)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [doc, refreshMs])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `stamp` and `key` are the refresh requests: each new value fetches again
  useEffect(() => {
    let cancelled = false
    latestLoad
      .current()
      .then((answer) => {
        if (cancelled) return
        setData(answer)
        setError(null)
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e))
      })
    return () => {
      cancelled = true
    }
  }, [stamp, key])

  return { data, error, refresh: () => setStamp((s) => s + 1) }
}
