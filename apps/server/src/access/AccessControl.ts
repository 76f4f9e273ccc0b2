/**
 * Authenticates every document connection against the access-token contract (platform.md):
 * valid document name, valid token, a `docs` pattern granting the document; "read" makes the
 * connection read-only. Refusals answer with Hocuspocus's permission-denied message and the
 * 4401 (bad token) / 4403 (no access) close code, and go through the RefusalReporter (counted,
 * logged at a bounded rate, recorded only for authenticated users). A bad or missing token also
 * counts against its source address (AuthFailureThrottle); a banned source is refused without
 * its token being checked.
 */
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import { documentNameProblem, type TokenPolicy } from '@weft/protocol'
import type { ConnectionContext } from '../context.ts'
import type { ProfileCache } from '../identity/ProfileCache.ts'
import type { AuthFailureThrottle } from '../limits/AuthFailureThrottle.ts'
import type { ConnectionLimits } from '../limits/ConnectionLimits.ts'
import type { RefusalReporter } from '../limits/RefusalReporter.ts'
import { CloseCodes, ConnectionRefused, REFUSAL_REASONS } from '../refusals.ts'
import { isTileBoard } from '../tiles/TileBoard.ts'
import { AccessDenied, documentAccess, type ShareLiveness, verifyCaller } from './authorize.ts'

export interface AccessControlOptions {
  /** Absent: open dev mode, where any token (or none) gets write access. */
  tokens?: TokenPolicy
  /** Checks tokens minted from share links (revoked or expired links give no access). */
  shares?: ShareLiveness
  refusals: RefusalReporter
  throttle: AuthFailureThrottle
  /** Sockets per user and documents per socket, checked once the user is known. */
  limits: ConnectionLimits
  /** Display names and colours users chose (GET|PUT /api/me); absent: the token's name. */
  profiles?: ProfileCache
}

export class AccessControl implements Extension {
  extensionName = 'AccessControl'
  private readonly options: AccessControlOptions

  constructor(options: AccessControlOptions) {
    this.options = options
  }

  async onAuthenticate(payload: onAuthenticatePayload): Promise<ConnectionContext> {
    const { documentName, token, connectionConfig } = payload
    const context = payload.context as ConnectionContext
    const source = context.socket?.source ?? 'in-process'
    let userId: string | null = null
    try {
      // A banned source gets no new sign-ins; a socket that signed in before the ban keeps working.
      if (context.socket?.userId === undefined && this.options.throttle.isBanned(source)) {
        throw new ConnectionRefused(
          CloseCodes.authenticationThrottled,
          'too many failed authentications from this address',
        )
      }
      const nameProblem = documentNameProblem(documentName)
      if (nameProblem)
        throw new ConnectionRefused(CloseCodes.forbidden, `invalid-document-name: ${nameProblem}`)
      const claims = await this.claimsFor(token, source)
      userId = claims.sub
      const access = denialsRefuse(() => documentAccess(claims, documentName))
      if (context.socket) this.options.limits.admit(context.socket, claims.sub, documentName)
      // Tile boards change only through validated placements (TileBoard), never by client updates.
      if (access === 'read' || isTileBoard(documentName)) connectionConfig.readOnly = true
      const profile = (await this.options.profiles?.lookup(claims.sub)) ?? null
      const user = profile
        ? { id: claims.sub, name: profile.displayName, color: profile.color }
        : { id: claims.sub, name: claims.name ?? claims.sub }
      return { user, access, ...(claims.share ? { share: claims.share } : {}) }
    } catch (error) {
      const refusal =
        error instanceof ConnectionRefused
          ? error
          : new ConnectionRefused(CloseCodes.unauthorized, 'unauthorized')
      this.options.refusals.report({
        code: refusal.code,
        reason: refusal.reason,
        documentName,
        userId,
        source,
      })
      // Let the permission-denied message go out first, then close with the contract's code.
      setImmediate(() => context.transport?.refuse(refusal.code, refusal.reason.slice(0, 120)))
      throw refusal
    }
  }

  private async claimsFor(token: string, source: string) {
    try {
      return await verifyCaller(token, this.options)
    } catch (error) {
      if (error instanceof AccessDenied && error.badToken)
        this.options.throttle.recordFailure(source)
      // Anything else is the share-link check failing to read the database.
      if (!(error instanceof AccessDenied))
        throw new ConnectionRefused(CloseCodes.dependencyDown, REFUSAL_REASONS.dependencyDown)
      throw refusalOf(error)
    }
  }
}

/** A refusal in the socket's terms: 401 → 4401 "unauthorized: …", 403 → 4403 "forbidden: …". */
function refusalOf(error: unknown): unknown {
  if (!(error instanceof AccessDenied)) return error
  return error.status === 401
    ? new ConnectionRefused(CloseCodes.unauthorized, `unauthorized: ${error.message}`)
    : new ConnectionRefused(CloseCodes.forbidden, `forbidden: ${error.message}`)
}

function denialsRefuse<T>(decide: () => T): T {
  try {
    return decide()
  } catch (error) {
    throw refusalOf(error)
  }
}
