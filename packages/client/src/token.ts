import type { Identity, KeyValueStore } from './identity.ts'

const TOKEN_KEY = 'weft.token'
/**
 * `weft.share-token.<document name>`: a token a share link gave for that document only (the
 * node's `/share/<key>` page stores it); the browser's own token keeps serving everything else.
 */
export const SHARE_TOKEN_PREFIX = 'weft.share-token.'

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64url(text: string): string {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)))
}

/**
 * An unsigned JWT for open dev mode (server without AUTH_SECRET): the server
 * reads sub and name from it without verifying. A server with a secret
 * rejects it, which is the point.
 */
export function devToken(identity: Pick<Identity, 'id' | 'name'>): string {
  const header = base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))
  const payload = base64url(JSON.stringify({ sub: identity.id, name: identity.name }))
  return `${header}.${payload}.`
}

/** sub/name claims of a token, for display only (never trusted for access). */
export function readClaims(token: string): { sub?: string; name?: string; exp?: number } | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const claims = JSON.parse(fromBase64url(part)) as {
      sub?: unknown
      name?: unknown
      exp?: unknown
    }
    return {
      sub: typeof claims.sub === 'string' ? claims.sub : undefined,
      name: typeof claims.name === 'string' ? claims.name : undefined,
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
    }
  } catch {
    return null
  }
}

/** The page's address bar, as far as removing a token from it goes. */
export type AddressBar = {
  location: Pick<Location, 'href'>
  history: Pick<History, 'replaceState' | 'state'>
}

const pageAddressBar = (): AddressBar | undefined =>
  typeof location === 'undefined' || typeof history === 'undefined'
    ? undefined
    : { location, history }

/**
 * Removes `?token=` from the address bar at once (history.replaceState: no new history entry),
 * so the token is not left in history, bookmarks, screenshots or a shared link.
 */
export function dropTokenFromAddressBar(bar: AddressBar | undefined = pageAddressBar()): void {
  if (!bar) return
  const url = new URL(bar.location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  bar.history.replaceState(bar.history.state, '', url.toString())
}

/**
 * The token to connect with: `?token=` wins (it is moved into storage, so a reload without it
 * keeps working, and removed from the address bar), then a share link's token for this
 * document (until it expires), then a remembered token, else a dev token.
 */
export function resolveToken(
  search: string,
  store: KeyValueStore,
  identity: Identity,
  bar: AddressBar | undefined = pageAddressBar(),
  documentName?: string,
  now: number = Date.now(),
): string {
  const fromUrl = new URLSearchParams(search).get('token')
  if (fromUrl) {
    store.setItem(TOKEN_KEY, fromUrl)
    dropTokenFromAddressBar(bar)
    return fromUrl
  }
  // A sub-document (a canvas's tile board) is opened with its document's link token.
  const root = documentName?.split('/')[0]
  if (root) {
    const shared = store.getItem(SHARE_TOKEN_PREFIX + root)
    const exp = shared ? readClaims(shared)?.exp : undefined
    if (shared && exp !== undefined && exp * 1000 > now) return shared
    // An expired one is forgotten: the document opens with the browser's own token again.
    if (shared) store.removeItem?.(SHARE_TOKEN_PREFIX + root)
  }
  return store.getItem(TOKEN_KEY) || devToken(identity)
}

/**
 * The identity to show: a real token's sub/name override the locally
 * generated ones so that presence and authorship match what the server logs.
 */
export function identityForToken(token: string, identity: Identity): Identity {
  const claims = readClaims(token)
  return {
    id: claims?.sub ?? identity.id,
    name: claims?.name ?? identity.name,
    color: identity.color,
  }
}
