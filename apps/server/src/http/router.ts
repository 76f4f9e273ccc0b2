/** Plain HTTP requests: probes, metrics, the history API, the landing page and the web apps. */
import { existsSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { PrismaClient } from '@weft/db'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../Metrics.ts'
import type { Readiness } from '../Readiness.ts'
import { forward } from './forward.ts'
import { handleHistory } from './historyApi.ts'
import { landingPage } from './landingPage.ts'
import { answerProbe } from './probes.ts'
import { sendJson } from './sendJson.ts'
import { serveApp, WEB_APPS } from './staticApps.ts'

export interface RouterOptions {
  nodeId: string
  appsDir: string
  readiness: Readiness
  metrics: Metrics
  prisma: PrismaClient
  authSecret?: string
  logger: Logger
  presence: PresenceEndpoint
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
      const url = new URL(request.url ?? '/', 'http://node')
      const { pathname } = url
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return sendJson(response, 405, { error: 'method not allowed' })
      }
      if (options.servesProbes && (await answerProbe(options, pathname, response))) return
      if (pathname === '/api/presence' || pathname.startsWith('/api/presence/')) {
        if (options.presence.api && (await options.presence.api(request, response, url))) return
        if (options.presence.forwardTo)
          return forward(request, response, options.presence.forwardTo)
        return sendJson(response, 404, {
          error: 'no presence service configured (set PRESENCE_URL)',
        })
      }
      if (pathname.startsWith('/api/documents/') && pathname.endsWith('/history')) {
        return await handleHistory(request, response, url, options)
      }
      if (pathname === '/') {
        const builtApps = WEB_APPS.filter((app) =>
          existsSync(join(options.appsDir, app, 'dist', 'index.html')),
        )
        response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
        return void response.end(landingPage({ nodeId: options.nodeId, builtApps }))
      }
      if (await serveApp(options.appsDir, pathname, response)) return
      sendJson(response, 404, { error: 'not found' })
    } catch (error) {
      options.logger.error({ err: error, url: request.url }, 'request failed')
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' })
      else response.destroy()
    }
  }
}
