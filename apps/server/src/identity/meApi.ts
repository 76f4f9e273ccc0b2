/**
 * `GET|PUT /api/me`: the caller's display name and colour (docs/identity.md). The caller is the
 * bearer token's `sub`, as everywhere in the API; in open dev mode the dev token's `sub`. GET
 * answers the stored profile, or the token's name with `color: null` when the user has none;
 * PUT `{"name","color"}` stores it and answers it. Shown to others from then on: in presence,
 * cursors, the activity panel and history (AccessControl and AwarenessGuard read it).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { type PrismaClient, saveProfile } from '@weft/db'
import type { TokenPolicy } from '@weft/protocol'
import { AccessDenied, authorizeRequest, type ShareLiveness } from '../access/authorize.ts'
import { ApiError, sendJson } from '../documents/apiResponse.ts'
import type { RequestRate } from '../documents/RequestRate.ts'
import { readJsonObject } from '../documents/readBody.ts'
import { originAllowed } from '../http/originPolicy.ts'
import type { Logger } from '../logger.ts'
import type { ProfileCache } from './ProfileCache.ts'
import { readProfileInput } from './profileInput.ts'

export interface MeApiOptions {
  prisma: PrismaClient
  profiles: ProfileCache
  /** Absent: open dev mode. */
  tokens?: TokenPolicy
  /** Share-link tokens are accepted while their link is live (absent: refused). */
  shares?: ShareLiveness
  rate: RequestRate
  maxBodyBytes: number
  allowedOrigins: string[]
  sourceOf: (request: IncomingMessage) => string
  logger: Logger
  /** With OIDC sign-in: where a browser signs in (`/auth/login`), told to a caller without a good token. */
  signIn?: string
}

/** A profile body is a name and a colour: far below API_MAX_BODY_BYTES. */
const MAX_PROFILE_BODY_BYTES = 4 * 1024

export function createMeApi(options: MeApiOptions) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    if (url.pathname !== '/api/me') return false
    try {
      const method = request.method ?? 'GET'
      if (!['GET', 'HEAD', 'PUT'].includes(method))
        throw new ApiError(405, `method ${method} not allowed`, { Allow: 'GET, HEAD, PUT' })
      if (
        method === 'PUT' &&
        !originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)
      )
        throw new ApiError(403, 'origin not allowed')
      const claims = await authorizeRequest(request, options).catch((error: unknown) => {
        if (error instanceof AccessDenied)
          throw new ApiError(
            error.status,
            error.message,
            error.status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
          )
        throw error
      })
      const wait = options.rate.take(
        options.tokens ? `user:${claims.sub}` : `source:${options.sourceOf(request)}`,
      )
      if (wait > 0)
        throw new ApiError(429, 'too many requests (API_REQUESTS_PER_MINUTE); try again shortly', {
          'Retry-After': String(wait),
        })
      const tokenName = claims.name ?? claims.sub
      if (method === 'PUT') {
        const input = readProfileInput(
          await readJsonObject(request, Math.min(options.maxBodyBytes, MAX_PROFILE_BODY_BYTES)),
        )
        const saved = await storeOr503(() =>
          saveProfile(options.prisma, { userId: claims.sub, ...input }),
        )
        options.profiles.set(claims.sub, { displayName: saved.displayName, color: saved.color })
        return answer(response, claims.sub, tokenName, saved, options.signIn)
      }
      const profile = await storeOr503(() => options.profiles.lookup(claims.sub))
      answer(response, claims.sub, tokenName, profile, options.signIn)
    } catch (error) {
      if (error instanceof ApiError) {
        const signIn = error.status === 401 && options.signIn ? { signIn: options.signIn } : {}
        sendJson(response, error.status, { error: error.message, ...signIn }, error.headers)
      } else {
        options.logger.error({ err: error, path: url.pathname }, 'profile request failed')
        if (!response.headersSent) sendJson(response, 500, { error: 'internal error' })
        else response.destroy()
      }
    }
    return true
  }
}

function answer(
  response: ServerResponse,
  id: string,
  tokenName: string,
  profile: { displayName: string; color: string } | null,
  signIn: string | undefined,
) {
  return sendJson(response, 200, {
    id,
    name: profile?.displayName ?? tokenName,
    color: profile?.color ?? null,
    tokenName,
    custom: profile !== null,
    ...(signIn ? { signIn, signOut: '/auth/logout' } : {}),
  })
}

async function storeOr503<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch {
    throw new ApiError(503, 'profile storage is unavailable; try again shortly', {
      'Retry-After': '5',
    })
  }
}
