/**
 * Plain HTTP requests: probes, metrics, the presence and history APIs and the web apps. The home
 * page and the documents API answer before it (documents/documentRoutes.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { PrismaClient } from '@weft/db'
import type { TokenPolicy } from '@weft/protocol'
import type { ShareLiveness } from '../access/authorize.ts'
import type { DocumentRoutes } from '../documents/documentRoutes.ts'
import type { IdentityRoutes } from '../identity/identityRoutes.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import { previewPackagesDir, servePreviewPackage } from '../previewPackages/route.ts'
import type { Readiness } from '../Readiness.ts'
import { FAVICON_PATHS, sendFavicon } from './favicon.ts'
import { forward } from './forward.ts'
import { handleHistory } from './historyApi.ts'
import { originAllowed } from './originPolicy.ts'
import { answerProbe } from './probes.ts'
import { parseRequestTarget } from './requestTarget.ts'
import { COMMON_HEADERS } from './securityHeaders.ts'
import { sendError } from './sendError.ts'
import { sendJson } from './sendJson.ts'
import { serveApp } from './staticApps.ts'

export interface RouterOptions {
  /** The home page and the documents API (documents/), asked first. */
  documentRoutes?: DocumentRoutes
  /** `/api/me` and the OIDC sign-in pages (identity/), asked before the documents routes. */
  identityRoutes?: IdentityRoutes
  nodeId: string
  appsDir: string
  readiness: Readiness
  metrics: Metrics
  prisma: PrismaClient
  /** Absent: open dev mode. */
  tokens?: TokenPolicy
  /** Checks tokens minted from share links. */
  shares?: ShareLiveness
  logger: Logger
  presence: PresenceEndpoint
  /** ALLOWED_ORIGINS: origins besides the node's own that may send state-changing requests. */
  allowedOrigins: string[]
  /** FRAME_ANCESTORS for the CSP of the pages. */
  frameAncestors: string
  /** False when a management listener (MANAGEMENT_PORT) serves the probes and metrics instead. */
  servesProbes: boolean
}

/** How this node answers /api/presence: itself, by forwarding, or not at all. */
export interface PresenceEndpoint {
  api?: (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>
  forwardTo?: string
}

export function createRouter(options: RouterOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      for (const [name, value] of Object.entries(COMMON_HEADERS)) response.setHeader(name, value)
      const target = parseRequestTarget(request.url)
      if (!target.ok)
        return sendError(request, response, 400, `bad request target: ${target.problem}`)
      const { url } = target
      const { pathname } = url
      if (options.identityRoutes && (await options.identityRoutes(request, response, url))) return
      if (options.documentRoutes && (await options.documentRoutes(request, response, url))) return
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        // A state-changing request from another site's page is refused before anything else.
        if (!originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)) {
          return sendError(request, response, 403, 'origin not allowed')
        }
        return sendError(request, response, 405, 'method not allowed')
      }
      if (FAVICON_PATHS.includes(pathname)) return sendFavicon(response)
      if (options.servesProbes && (await answerProbe(options, pathname, response))) return
      if (pathname === '/api/presence' || pathname.startsWith('/api/presence/')) {
        if (options.presence.api && (await options.presence.api(request, response, url))) return
        if (options.presence.forwardTo)
          return forward(request, response, url, options.presence.forwardTo)
        return sendJson(response, 404, {
          error: 'no presence service configured (set PRESENCE_URL)',
        })
      }
      if (pathname.startsWith('/api/documents/') && pathname.endsWith('/history')) {
        return await handleHistory(request, response, url, options)
      }
      const previewPackages = previewPackagesDir(options.appsDir)
      if (await servePreviewPackage(previewPackages, pathname, request, response)) return
      const page = { frameAncestors: options.frameAncestors, openDevMode: !options.tokens }
      if (await serveApp(options.appsDir, pathname, response, page)) return
      sendError(request, response, 404, 'not found')
    } catch (error) {
      // The path only: a query may carry a token (`?token=`), which no log line may hold.
      options.logger.error({ err: error, path: pathOf(request.url) }, 'request failed')
      if (!response.headersSent) sendError(request, response, 500, 'internal error')
      else response.destroy()
    }
  }
}

function pathOf(target: string | undefined): string {
  return (target ?? '').split('?')[0]?.slice(0, 300) ?? ''
}
