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
  /**
   * Set on tokens a node mints when a share link is opened: the link's id. Such a token works
   * only while the link is neither revoked nor expired (the node checks the link's row).
   */
  share?: string
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
  const { sub, name, exp, docs, share } = payload
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
    ...(typeof share === 'string' && share ? { share } : {}),
  }
}

/** What a token must satisfy besides its signature (configured once, from the environment). */
export interface TokenPolicy {
  /** AUTH_SECRET first; during a rotation also AUTH_SECRET_PREVIOUS. */
  secrets: string[]
  /** Longest accepted lifetime (exp − iat, or exp − now without iat), in seconds. */
  maxLifetimeSeconds: number
  /** When set, the `iss` claim must equal it. */
  issuer?: string
  /** When set, the `aud` claim must contain it. */
  audience?: string
}

/** Clocks of the minting backend and the node may differ this much (exp, nbf, iat). */
export const CLOCK_LEEWAY_SECONDS = 30

/** Verifies signature, algorithm, expiry, lifetime, issuer and audience; throws TokenError with the reason. */
export async function verifyAccessToken(
  token: string,
  policy: TokenPolicy | string,
): Promise<AccessClaims> {
  const { secrets, maxLifetimeSeconds, issuer, audience } =
    typeof policy === 'string' ? { ...DEFAULT_POLICY, secrets: [policy] } : policy
  if (!token) throw new TokenError('missing', 'no access token')
  let lastError: unknown
  // A rotation: the current key first; a signature that fails it may be the previous key's.
  for (const secret of secrets) {
    try {
      const { payload } = await jwtVerify(token, secretKey(secret), {
        algorithms: ['HS256'],
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_LEEWAY_SECONDS,
        ...(issuer ? { issuer } : {}),
        ...(audience ? { audience } : {}),
      })
      checkLifetime(payload, maxLifetimeSeconds)
      return readClaims(payload)
    } catch (error) {
      lastError = error
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) break
    }
  }
  throw tokenErrorFor(lastError)
}

const DEFAULT_POLICY = { maxLifetimeSeconds: 24 * 60 * 60 }

function checkLifetime(payload: { exp?: number; iat?: number }, maxSeconds: number) {
  const exp = payload.exp as number
  const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000)
  if (exp - from > maxSeconds + CLOCK_LEEWAY_SECONDS) {
    throw new TokenError('bad-claims', `access token lives longer than the allowed ${maxSeconds} s`)
  }
}

function tokenErrorFor(error: unknown): TokenError {
  if (error instanceof TokenError) return error
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'access token expired')
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenError('bad-signature', 'access token signature is invalid')
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    // jose names the claim (exp missing, iss/aud mismatch, nbf in the future), never its value.
    return new TokenError(
      'bad-claims',
      `access token claim "${error.claim}" is missing or not accepted`,
    )
  }
  return new TokenError('malformed', 'access token is not a valid HS256 JWT')
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
  claims: Omit<AccessClaims, 'exp'> & { iss?: string; aud?: string },
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

/** The policy for a configuration's auth settings, or undefined in open dev mode (no secret). */
export function tokenPolicyOf(settings: {
  authSecret?: string
  authSecretPrevious?: string
  authIssuer?: string
  authAudience?: string
  tokenMaxLifetimeSeconds: number
}): TokenPolicy | undefined {
  if (!settings.authSecret) return undefined
  return {
    secrets: settings.authSecretPrevious
      ? [settings.authSecret, settings.authSecretPrevious]
      : [settings.authSecret],
    maxLifetimeSeconds: settings.tokenMaxLifetimeSeconds,
    ...(settings.authIssuer ? { issuer: settings.authIssuer } : {}),
    ...(settings.authAudience ? { audience: settings.authAudience } : {}),
  }
}
