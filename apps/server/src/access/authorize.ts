/**
 * The one place a caller's token becomes claims and a document's access is decided, for the
 * WebSocket (AccessControl), the documents API and the history API alike: the same tokens, the
 * same rules, the same words. HTTP callers send `Authorization: Bearer <token>` only — a token
 * in a URL ends up in logs, history and referrers.
 */
import type { IncomingMessage } from 'node:http'
import {
  type Access,
  type AccessClaims,
  accessFor,
  devModeClaims,
  TokenError,
  type TokenPolicy,
  verifyAccessToken,
} from '@weft/protocol'

/** A refusal: 401 (no usable token; socket 4401) or 403 (no access; socket 4403). */
export class AccessDenied extends Error {
  readonly status: 401 | 403
  /** True when the token itself was bad (counts against the source's failed sign-ins). */
  readonly badToken: boolean
  constructor(status: 401 | 403, message: string) {
    super(message)
    this.name = 'AccessDenied'
    this.status = status
    this.badToken = status === 401
  }
}

/** Whether a share link (by id) still grants access: not revoked, not expired. */
export interface ShareLiveness {
  isLive(shareId: string): Promise<boolean>
}

export interface Authorizer {
  /** Absent: open dev mode, where any token (or none) may write everything. */
  tokens?: TokenPolicy
  /** Checks tokens minted from share links; absent, such tokens are refused. */
  shares?: ShareLiveness
}

export function bearerToken(request: IncomingMessage): string {
  const header = request.headers.authorization ?? ''
  return /^Bearer /i.test(header) ? header.slice(7).trim() : ''
}

/** The claims of a token, or AccessDenied saying why not. */
export async function verifyCaller(token: string, auth: Authorizer): Promise<AccessClaims> {
  if (!auth.tokens) return devModeClaims(token)
  let claims: AccessClaims
  try {
    claims = await verifyAccessToken(token, auth.tokens)
  } catch (error) {
    throw new AccessDenied(
      401,
      error instanceof TokenError ? error.message : 'access token is not valid',
    )
  }
  if (claims.share !== undefined && !(await auth.shares?.isLive(claims.share))) {
    throw new AccessDenied(
      403,
      'the share link this access came from was revoked or has expired: ask the owner for a new link',
    )
  }
  return claims
}

/** The caller of an HTTP request, from its bearer token. */
export function authorizeRequest(
  request: IncomingMessage,
  auth: Authorizer,
): Promise<AccessClaims> {
  return verifyCaller(bearerToken(request), auth)
}

/** The access the claims grant to a document, at least `needed`, or AccessDenied (403). */
export function documentAccess(
  claims: AccessClaims,
  documentName: string,
  needed: Access = 'read',
): Access {
  const access = accessFor(claims, documentName)
  if (!access) throw new AccessDenied(403, 'token grants no access to this document')
  if (needed === 'write' && access !== 'write')
    throw new AccessDenied(403, 'token grants read-only access to this document')
  return access
}
