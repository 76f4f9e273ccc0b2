import { docPath } from '@weft/client'

/** The project id in /code/<id>, or null for /code/ (or anything unusable). */
export function projectIdFromPath(pathname: string, base = '/code/'): string | null {
  return docPath(pathname, base)?.id ?? null
}
