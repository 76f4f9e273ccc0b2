/**
 * Access tokens: the contract a customer's backend mints against (see platform.md).
 * An HS256 JWT with `sub`, optional `name` and `exp`, and `docs`, a map from document-name
 * pattern (`*` matches any run of characters) to "read" or "write".
 */
import { decodeJwt, errors, jwtVerify, SignJWT } from 'jose'

export type Access = 'read' | 'write'

export interface AccessClaims {
  sub: string
  name?: string
  exp?: number
  docs: Record<string, Access>
}

export type TokenProblem = 'missing' | 'malformed' | 'expired' | 'bad-signature' | 'bad-claims'

/** A token that cannot be trusted; `problem` is what a client is told. */
export class TokenError extends Error {
  readonly problem: TokenProblem
  constructor(problem: TokenProblem, message: string) {
    super(message)
    this.name = 'TokenError'
    this.problem = problem
  }
}

function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret)
}

function readClaims(payload: Record<string, unknown>): AccessClaims {
  const { sub, name, exp, docs } = payload
  if (typeof sub !== 'string' || sub.length === 0) {
    throw new TokenError('bad-claims', 'token has no "sub" claim')
  }
  if (name !== undefined && typeof name !== 'string') {
    throw new TokenError('bad-claims', '"name" claim must be a string')
  }
  if (docs === null || typeof docs !== 'object' || Array.isArray(docs)) {
    throw new TokenError('bad-claims', 'token has no "docs" claim')
  }
  for (const [pattern, access] of Object.entries(docs)) {
    if (access !== 'read' && access !== 'write') {
      throw new TokenError('bad-claims', `"docs" entry ${pattern} must be "read" or "write"`)
    }
  }
  return {
    sub,
    ...(typeof name === 'string' ? { name } : {}),
    ...(typeof exp === 'number' ? { exp } : {}),
    docs: docs as Record<string, Access>,
  }
}

/** Verifies signature, algorithm and expiry; throws TokenError with the reason. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims> {
  if (!token) throw new TokenError('missing', 'no access token')
  try {
    const { payload } = await jwtVerify(token, secretKey(secret), { algorithms: ['HS256'] })
    return readClaims(payload)
  } catch (error) {
    if (error instanceof TokenError) throw error
    if (error instanceof errors.JWTExpired) throw new TokenError('expired', 'access token expired')
    if (error instanceof errors.JWSSignatureVerificationFailed) {
      throw new TokenError('bad-signature', 'access token signature is invalid')
    }
    throw new TokenError('malformed', 'access token is not a valid HS256 JWT')
  }
}

/**
 * Open dev mode (no AUTH_SECRET): the token is not verified, but when it is a JWT its `sub` and
 * `name` still identify the user, so the apps show real names. Everything is writable.
 */
export function devModeClaims(token: string): AccessClaims {
  let payload: Record<string, unknown> = {}
  try {
    payload = token ? decodeJwt(token) : {}
  } catch {
    // not a JWT: an anonymous user
  }
  const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : 'anonymous'
  const name = typeof payload.name === 'string' ? payload.name : sub
  return { sub, name, docs: { '*': 'write' } }
}

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
  return new RegExp(`^${escaped.join('.*')}$`)
}

/**
 * The access a token grants to one document, or null. When several patterns match, the most
 * specific one (most literal characters) decides, so `{"*":"read","grid:team-*":"write"}` and
 * `{"*":"write","grid:secret":"read"}` both mean what their authors expect.
 */
export function accessFor(claims: AccessClaims, documentName: string): Access | null {
  let best: { specificity: number; access: Access } | null = null
  for (const [pattern, access] of Object.entries(claims.docs)) {
    if (!patternToRegExp(pattern).test(documentName)) continue
    const specificity = pattern.replaceAll('*', '').length
    if (
      !best ||
      specificity > best.specificity ||
      (specificity === best.specificity && access === 'read')
    ) {
      best = { specificity, access }
    }
  }
  return best?.access ?? null
}

/** Mints a token (tests, the helm test, and backends written in TypeScript). */
export async function mintAccessToken(
  claims: Omit<AccessClaims, 'exp'>,
  secret: string,
  expiresIn: string | number = '1h',
): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(secretKey(secret))
}
