/**
 * The caller of an API request, from `Authorization: Bearer <token>` and the node's token policy
 * (the same tokens and rules as the WebSocket). Tokens are read from the header only: a token in
 * a URL ends up in logs, history and referrers. In open dev mode (no AUTH_SECRET) every caller
 * may write, named by its token's `sub` when it sends one.
 */
import type { IncomingMessage } from 'node:http'
import {
  type AccessClaims,
  devModeClaims,
  TokenError,
  type TokenPolicy,
  verifyAccessToken,
} from '@weft/protocol'
import { ApiError } from './apiResponse.ts'

export async function authenticate(
  request: IncomingMessage,
  tokens: TokenPolicy | undefined,
): Promise<AccessClaims> {
  const header = request.headers.authorization ?? ''
  const token = /^Bearer /i.test(header) ? header.slice(7).trim() : ''
  if (!tokens) return devModeClaims(token)
  try {
    return await verifyAccessToken(token, tokens)
  } catch (error) {
    const message = error instanceof TokenError ? error.message : 'invalid access token'
    throw new ApiError(401, message, { 'WWW-Authenticate': 'Bearer' })
  }
}
