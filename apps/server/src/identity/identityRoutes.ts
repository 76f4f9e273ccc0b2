/**
 * Everything this folder serves over HTTP, as one handler the router asks before the documents
 * routes: `GET|PUT /api/me` (display name and colour) and, when OIDC_ISSUER_URL is set, the
 * OpenID Connect sign-in pages under `/auth/`. Returns false for other paths.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createMeApi, type MeApiOptions } from './meApi.ts'
import type { OidcSignIn } from './oidc/OidcSignIn.ts'

export type IdentityRoutes = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<boolean>

export function createIdentityRoutes(
  options: Omit<MeApiOptions, 'signIn'> & { oidc?: OidcSignIn },
): IdentityRoutes {
  const me = createMeApi({ ...options, ...(options.oidc ? { signIn: '/auth/login' } : {}) })
  return async (request, response, url) => {
    if (await me(request, response, url)) return true
    if (url.pathname.startsWith('/auth/') && options.oidc)
      return options.oidc.handle(request, response, url)
    return false
  }
}
