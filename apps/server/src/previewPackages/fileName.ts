/**
 * The one check between a request path and the disk: the part after /preview-packages/ must
 * decode to a plain file name (letters, digits, `_`, `-`, dots between name parts; no slash,
 * backslash, `..`, NUL or leading dot, in any encoding) that the manifest lists. Anything else is
 * null, and the route answers 404 without touching the filesystem.
 */
const PLAIN_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9]+)+$/

export function requestedFileName(rest: string, allowed: ReadonlySet<string>): string | null {
  let name: string
  try {
    name = decodeURIComponent(rest)
  } catch {
    return null
  }
  if (!PLAIN_NAME.test(name)) return null
  return allowed.has(name) ? name : null
}
