const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The project id in /code/<id>, or null for /code/ (or anything unusable). */
export function projectIdFromPath(pathname: string, base = '/code/'): string | null {
  if (!pathname.startsWith(base)) return null
  const id = decodeURIComponent(pathname.slice(base.length).split('/')[0] ?? '')
  return ID.test(id) ? id : null
}
