import {
  DOCUMENT_META_ROOT,
  DOCUMENT_TITLE_KEY,
  getDocumentInfo,
  renameDocument,
} from '@weft/client'
import { useCallback, useEffect, useState } from 'react'
import type * as Y from 'yjs'

export type DocumentTitle = {
  /** The title, or null when the document has none (the app shows its id then). */
  title: string | null
  /** Saves a new title (blank clears it); rejects with the server's words. */
  rename: (title: string) => Promise<void>
}

type Shared = { known: boolean; title: string | null }

function readShared(doc: Y.Doc): Shared {
  const meta = doc.getMap<string | null>(DOCUMENT_META_ROOT)
  return meta.has(DOCUMENT_TITLE_KEY)
    ? { known: true, title: meta.get(DOCUMENT_TITLE_KEY) || null }
    : { known: false, title: null }
}

/**
 * The document's title: read once from its metadata (GET /api/documents/{name}), then live from
 * the document's shared metadata map, which the server writes on every rename — so a rename by
 * anyone, in any app or on the home page, reaches everyone connected as an ordinary Yjs change
 * (docs/documents-api.md, "Title").
 */
export function useDocumentTitle(
  documentName: string,
  token: string,
  doc: Y.Doc | null,
): DocumentTitle {
  const [fetched, setFetched] = useState<string | null>(null)
  const [shared, setShared] = useState<Shared>({ known: false, title: null })

  useEffect(() => {
    let cancelled = false
    getDocumentInfo(documentName, token)
      .then((info) => {
        if (!cancelled) setFetched(info?.title ?? null)
      })
      // No title to show (nobody edited it yet: 404) is not worth an error: the app shows the
      // document's id.
      .catch(() => {})
    return () => {
      cancelled = true
    }
  }, [documentName, token])

  useEffect(() => {
    if (!doc) return
    const meta = doc.getMap(DOCUMENT_META_ROOT)
    const update = () => setShared(readShared(doc))
    update()
    meta.observe(update)
    return () => meta.unobserve(update)
  }, [doc])

  const rename = useCallback(
    async (title: string) => {
      const info = await renameDocument(documentName, token, title)
      setFetched(info.title ?? null)
      if (doc) setShared(readShared(doc))
    },
    [documentName, token, doc],
  )

  return { title: shared.known ? shared.title : fetched, rename }
}
