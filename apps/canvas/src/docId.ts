const ID = /^[A-Za-z0-9_-]{1,64}$/

/** The canvas id in /canvas/<id>, or null for /canvas/ (or anything unusable). */
export function docIdFromPath(pathname: string, base = '/canvas/'): string | null {
  if (!pathname.startsWith(base)) return null
  const id = decodeURIComponent(pathname.slice(base.length).split('/')[0] ?? '')
  return ID.test(id) ? id : null
}

export function newDocId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12)
}
