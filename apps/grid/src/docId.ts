import { docPath } from '@weft/client'

export { newDocId } from '@weft/client'

/** The grid id in /grid/<id>, or null for /grid/ (or anything unusable). */
export function docIdFromPath(pathname: string, base = '/grid/'): string | null {
  return docPath(pathname, base)?.id ?? null
}
