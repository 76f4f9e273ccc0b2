/**
 * Which REST API resource a path names: `/api/documents`, `/api/documents/{name}` and
 * `/api/documents/{name}/{action}`. A name is one path segment with its `:` (and, for a code
 * file, its `/`) percent-encoded or not: `grid:abc`, `grid%3Aabc`, `code%3Ap%2Fmain.ts`. A raw
 * `/` in a code file's name is read as part of the name only when an action follows it or the
 * last segment is not an action. Share links: `/api/documents/{name}/shares` (an action),
 * `/api/documents/{name}/shares/{id}` (one link) and `/api/shares/open` (a link's key for a token).
 */
export const ACTIONS = [
  'export',
  'updates',
  'versions',
  'restore',
  'history',
  'shares',
  'first-screen',
] as const
export type Action = (typeof ACTIONS)[number]

export type ApiRoute =
  | { resource: 'collection' }
  | { resource: 'document'; name: string }
  | { resource: 'action'; name: string; action: Action }
  | { resource: 'share'; name: string; shareId: string }
  | { resource: 'openShare' }
  | { resource: 'openapi' }

function isAction(segment: string | undefined): segment is Action {
  return (ACTIONS as readonly string[]).includes(segment ?? '')
}

/** Null for paths the API does not serve (the caller answers 404). */
export function apiRoute(pathname: string): ApiRoute | null {
  if (pathname === '/api/openapi.json') return { resource: 'openapi' }
  if (pathname === '/api/shares/open') return { resource: 'openShare' }
  if (pathname === '/api/documents' || pathname === '/api/documents/')
    return { resource: 'collection' }
  if (!pathname.startsWith('/api/documents/')) return null
  // Segments stay encoded until split, so an encoded `/` inside a name is not a separator.
  const segments = pathname.slice('/api/documents/'.length).split('/')
  if (segments.some((segment) => segment === '')) return null
  const decoded = segments.map((segment) => decodeURIComponent(segment))
  const last = decoded[decoded.length - 1]
  if (decoded.length >= 3 && decoded[decoded.length - 2] === 'shares' && last) {
    return { resource: 'share', name: decoded.slice(0, -2).join('/'), shareId: last }
  }
  if (decoded.length >= 2 && isAction(last)) {
    return { resource: 'action', name: decoded.slice(0, -1).join('/'), action: last }
  }
  return { resource: 'document', name: decoded.join('/') }
}
