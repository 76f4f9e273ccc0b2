// Every app page is `<base><id>[/<more>]` (/grid/<id>, /canvas/<id>/tiles, /code/<id>): one
// reading of that shape for all of them, with the id rule of document names (documentNames.ts
// in @weft/protocol: `[A-Za-z0-9_-]{1,64}`).
import { HEX, randomId } from '@weft/protocol/randomId'

const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The id in `<base><id>` and the path segments after it; null when there is no usable id. */
export function docPath(pathname: string, base: string): { id: string; rest: string[] } | null {
  if (!pathname.startsWith(base)) return null
  const [raw = '', ...rest] = pathname.slice(base.length).split('/')
  let id: string
  try {
    id = decodeURIComponent(raw)
  } catch {
    return null
  }
  return ID.test(id) ? { id, rest } : null
}

/** A fresh id for a new document: 12 hex characters. */
export function newDocId(): string {
  return randomId(12, HEX)
}

/**
 * Opens a new document at `<base><new id>`: the bare base page starts one, and the address bar
 * is replaced (not pushed) so that Back does not create another.
 */
export function startNewDoc(base: string): string {
  const id = newDocId()
  history.replaceState(null, '', `${base}${id}${location.search}`)
  return id
}
