/**
 * Authenticates every document connection against the access-token contract (platform.md):
 * valid document name, valid token, a `docs` pattern granting the document; "read" makes the
 * connection read-only. Refusals answer with Hocuspocus's permission-denied message and the
 * 4401 (bad token) / 4403 (no access) close code, and are logged and counted.
 */
import { Forbidden, Unauthorized } from '@hocuspocus/common'
import type { Extension, onAuthenticatePayload } from '@hocuspocus/server'
import {
  accessFor,
  devModeClaims,
  documentNameProblem,
  TokenError,
  type TokenPolicy,
  verifyAccessToken,
} from '@weft/protocol'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../Metrics.ts'
import { isTileBoard } from './TileBoard.ts'

export interface AccessControlOptions {
  /** Absent: open dev mode, where any token (or none) gets write access. */
  tokens?: TokenPolicy
  logger: Logger
  metrics: Metrics
  /** Told about every refused attempt (the session record keeps them). */
  onRefused?: (refusal: {
    documentName: string
    userId: string | null
    code: number
    reason: string
  }) => void
}

/** Thrown from onAuthenticate; Hocuspocus sends `reason` to the client. */
export class ConnectionRefused extends Error {
  readonly code: number
  readonly reason: string
  constructor(code: number, reason: string) {
    super(reason)
    this.code = code
    this.reason = reason
  }
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
    let userId: string | null = null
    try {
      const nameProblem = documentNameProblem(documentName)
      if (nameProblem)
        throw new ConnectionRefused(Forbidden.code, `invalid-document-name: ${nameProblem}`)
      const claims = await this.claimsFor(token)
      userId = claims.sub
      const access = accessFor(claims, documentName)
      if (!access)
        throw new ConnectionRefused(
          Forbidden.code,
          'forbidden: token grants no access to this document',
        )
      // Tile boards change only through validated placements (TileBoard), never by client updates.
      if (access === 'read' || isTileBoard(documentName)) connectionConfig.readOnly = true
      return { user: { id: claims.sub, name: claims.name ?? claims.sub }, access }
    } catch (error) {
      const refusal =
        error instanceof ConnectionRefused
          ? error
          : new ConnectionRefused(Unauthorized.code, 'unauthorized')
      this.options.metrics.refusedConnections.inc({
        reason: refusal.code === Unauthorized.code ? 'unauthorized' : 'forbidden',
      })
      this.options.logger.warn(
        {
          documentName: documentName.slice(0, 200),
          code: refusal.code,
          reason: refusal.reason,
          socketId: payload.socketId,
        },
        'connection refused',
      )
      this.options.onRefused?.({
        documentName: documentName.slice(0, 200),
        userId,
        code: refusal.code,
        reason: refusal.reason,
      })
      // Let the permission-denied message go out first, then close with the contract's code.
      setImmediate(() => context.transport?.refuse(refusal.code, refusal.reason.slice(0, 120)))
      throw refusal
    }
  }

  private async claimsFor(token: string) {
    const { tokens } = this.options
    if (!tokens) return devModeClaims(token)
    try {
      return await verifyAccessToken(token, tokens)
    } catch (error) {
      if (error instanceof TokenError)
        throw new ConnectionRefused(Unauthorized.code, `unauthorized: ${error.message}`)
      throw error
    }
  }
}
