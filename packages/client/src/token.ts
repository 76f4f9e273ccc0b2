import type { Identity, KeyValueStore } from './identity.ts'

const TOKEN_KEY = 'weft.token'

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
export function readClaims(token: string): { sub?: string; name?: string } | null {
  const part = token.split('.')[1]
  if (!part) return null
  try {
    const claims = JSON.parse(fromBase64url(part)) as { sub?: unknown; name?: unknown }
    return {
      sub: typeof claims.sub === 'string' ? claims.sub : undefined,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    }
  } catch {
    return null
  }
}

/**
 * The token to connect with: `?token=` wins (and is remembered, so a reload
 * without it keeps working), then a remembered token, else a dev token.
 */
export function resolveToken(search: string, store: KeyValueStore, identity: Identity): string {
  const fromUrl = new URLSearchParams(search).get('token')
  if (fromUrl) {
    store.setItem(TOKEN_KEY, fromUrl)
    return fromUrl
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
