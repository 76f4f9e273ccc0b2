/**
 * What the node remembers between sending a browser to the identity provider and its return:
 * state, nonce, PKCE verifier and where to go afterwards. Kept in the browser, in one cookie
 * signed with a key derived from AUTH_SECRET (HMAC-SHA256), HttpOnly (no script reads the
 * verifier), SameSite=Lax (sent on the provider's top-level redirect back, not on cross-site
 * subrequests), limited to the callback path and to ten minutes. Any node of the fleet can check
 * it, so the callback may reach another pod than the login did. A cookie that was altered, is
 * too old or is missing opens nothing.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export interface LoginState {
  state: string
  nonce: string
  verifier: string
  /** A path on this site (`/grid/abc`), never another origin. */
  returnTo: string
  /** Unix ms after which the cookie is refused. */
  expiresAt: number
}

export const LOGIN_COOKIE = 'weft_oidc'
export const LOGIN_COOKIE_MAX_AGE_S = 600
const COOKIE_PATH = '/auth/callback'

function signingKey(authSecret: string): Buffer {
  // A key of its own, so a cookie's MAC can never be replayed as a token signature.
  return createHmac('sha256', authSecret).update('weft oidc login cookie v1').digest()
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url')
}

export function sealLoginState(state: LoginState, authSecret: string): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url')
  return `${payload}.${mac(signingKey(authSecret), payload)}`
}

/** The login state in a request's cookie header, or the reason there is none. */
export function openLoginState(
  cookieHeader: string | undefined,
  authSecret: string,
  now = Date.now(),
): LoginState | { problem: string } {
  const value = readCookie(cookieHeader, LOGIN_COOKIE)
  if (!value) return { problem: 'this browser has no sign-in in progress (or blocks cookies)' }
  const [payload, signature] = value.split('.')
  if (!payload || !signature) return { problem: 'the sign-in cookie is malformed' }
  const expected = Buffer.from(mac(signingKey(authSecret), payload))
  const given = Buffer.from(signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { problem: 'the sign-in cookie was altered' }
  let state: LoginState
  try {
    state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as LoginState
  } catch {
    return { problem: 'the sign-in cookie is malformed' }
  }
  if (typeof state.expiresAt !== 'number' || state.expiresAt < now)
    return { problem: 'the sign-in took too long' }
  return state
}

export function loginCookieHeader(sealed: string, secure: boolean): string {
  return [
    `${LOGIN_COOKIE}=${sealed}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${LOGIN_COOKIE_MAX_AGE_S}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearLoginCookieHeader(secure: boolean): string {
  return [
    `${LOGIN_COOKIE}=`,
    `Path=${COOKIE_PATH}`,
    'Max-Age=0',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

/** `?return=` as a path on this site; anything else (another origin, `//host`, `/\\host`) is `/`. */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 2000) return '/'
  return value
}
