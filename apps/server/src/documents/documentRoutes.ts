/**
 * Everything this folder serves over HTTP, as one handler the router calls first: the REST API
 * (/api/documents…, /api/openapi.json), the home page at `/`, the page a share link leads to
 * (`/share/<key>`), a canvas's images (AssetsApi.ts), and the page for app addresses no document
 * can have. Returns false for other paths.
 */

import type { IncomingMessage, ServerResponse } from 'node:http'
import { sendBody } from '../http/compression.ts'
import { htmlHeaders } from '../http/securityHeaders.ts'
import { createAssetsApi } from './AssetsApi.ts'
import { createDocumentsApi, type DocumentsApiOptions } from './DocumentsApi.ts'
import { answerInvalidAddress, invalidDocumentAddress } from './documentAddress.ts'
import { HOME_SCRIPTS, homePage } from './homePage.ts'
import { answerSharePage } from './sharePage.ts'

export type DocumentRoutes = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<boolean>

export function createDocumentRoutes(
  options: DocumentsApiOptions & {
    nodeId: string
    frameAncestors: string
    /** CANVAS_IMAGE_MAX_BYTES and CANVAS_ASSETS_MAX_BYTES. */
    canvasImageMaxBytes: number
    canvasAssetsMaxBytes: number
  },
): DocumentRoutes {
  const api = createDocumentsApi(options)
  const assets = createAssetsApi({
    prisma: options.prisma,
    auth: {
      ...(options.tokens ? { tokens: options.tokens } : {}),
      ...(options.links ? { shares: options.links } : {}),
    },
    rate: options.rate,
    maxImageBytes: options.canvasImageMaxBytes,
    maxDocumentBytes: options.canvasAssetsMaxBytes,
    allowedOrigins: options.allowedOrigins,
    sourceOf: options.sourceOf,
    logger: options.logger,
  })
  return async (request, response, url) => {
    if (await assets(request, response, url)) return true
    if (url.pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      sendBody(
        response,
        200,
        htmlHeaders({ frameAncestors: options.frameAncestors, inlineScripts: HOME_SCRIPTS }),
        homePage({ nodeId: options.nodeId }),
      )
      return true
    }
    if (
      url.pathname.startsWith('/share/') &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      await answerSharePage(request, response, options)
      return true
    }
    const invalid = invalidDocumentAddress(url.pathname)
    if (invalid && (request.method === 'GET' || request.method === 'HEAD')) {
      answerInvalidAddress(request, response, invalid, options.frameAncestors)
      return true
    }
    return api(request, response, url)
  }
}
