/**
 * A canvas's images over HTTP (docs/canvas-assets.md):
 *
 *   POST /api/documents/{name}/assets          body: the image's bytes → 201 { id, contentType, size, url }
 *   GET  /api/documents/{name}/assets/{id}     → the bytes, cached for good (the id is their sha-256)
 *
 * Same bearer tokens and rules as the rest of the documents API (access/authorize.ts): uploading
 * needs write access to the canvas, fetching read access, so a read-only share link's holder sees
 * the images and cannot add any. Only PNG, JPEG, GIF and WebP are stored, as their first bytes
 * say; an image over CANVAS_IMAGE_MAX_BYTES, or one that would take the canvas past
 * CANVAS_ASSETS_MAX_BYTES, is refused with 413 and stores nothing.
 */
import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { imageTypeOf, isAssetId } from '@weft/canvas-model'
import { type PrismaClient, readAsset, storeAsset } from '@weft/db'
import { documentNameProblem, parseDocumentName } from '@weft/protocol'
import { type Authorizer, authorizeRequest, documentAccess } from '../access/authorize.ts'
import { originAllowed } from '../http/originPolicy.ts'
import type { Logger } from '../logger.ts'
import { ApiError, sendFailure, sendJson } from './apiResponse.ts'
import type { RequestRate } from './RequestRate.ts'
import { readBody } from './readBody.ts'

export interface AssetsApiOptions {
  prisma: PrismaClient
  auth: Authorizer
  rate: RequestRate
  /** CANVAS_IMAGE_MAX_BYTES. */
  maxImageBytes: number
  /** CANVAS_ASSETS_MAX_BYTES: all of one document's assets together. */
  maxDocumentBytes: number
  allowedOrigins: string[]
  sourceOf: (request: IncomingMessage) => string
  logger: Logger
}

/** `/api/documents/{name}/assets[/{id}]`, the name one segment (a canvas name has no `/`). */
const ASSETS_PATH = /^\/api\/documents\/([^/]+)\/assets(?:\/([^/]+))?\/?$/

const MiB = 1024 * 1024
const megabytes = (bytes: number) => `${(bytes / MiB).toFixed(bytes % MiB === 0 ? 0 : 1)} MB`

export function createAssetsApi(options: AssetsApiOptions) {
  /** Answers the request and returns true, or returns false for paths that are not assets. */
  return async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const match = ASSETS_PATH.exec(url.pathname)
    const name = safeDecode(match?.[1] ?? '')
    // Other kinds keep these paths: `code:p/assets` is a file of a code project.
    if (!match || !name?.startsWith('canvas:')) return false
    try {
      const id = match[2] === undefined ? null : (safeDecode(match[2]) ?? '')
      const allowed = id === null ? ['POST'] : ['GET', 'HEAD']
      if (!allowed.includes(request.method ?? ''))
        throw new ApiError(405, `method not allowed (allowed: ${allowed.join(', ')})`, {
          Allow: allowed.join(', '),
        })
      if (
        request.method === 'POST' &&
        !originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)
      )
        throw new ApiError(403, 'origin not allowed')
      const claims = await authorizeRequest(request, options.auth)
      const wait = options.rate.take(
        options.auth.tokens ? `user:${claims.sub}` : `source:${options.sourceOf(request)}`,
      )
      if (wait > 0)
        throw new ApiError(429, 'too many requests (API_REQUESTS_PER_MINUTE); try again shortly', {
          'Retry-After': String(wait),
        })
      const problem = documentNameProblem(name)
      if (problem) throw new ApiError(400, problem)
      const parsed = parseDocumentName(name)
      if (parsed?.kind !== 'canvas' || parsed.subId)
        throw new ApiError(404, 'only a canvas holds images, not its tile board')
      documentAccess(claims, name, id === null ? 'write' : 'read')
      if (id === null) await upload(request, response, name, claims.sub)
      else await fetchAsset(request, response, name, id)
    } catch (error) {
      sendFailure(response, error, options.logger, { path: url.pathname, what: 'assets request' })
    }
    return true
  }

  async function upload(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
    userId: string,
  ) {
    let bytes: Buffer
    try {
      bytes = await readBody(request, options.maxImageBytes)
    } catch (error) {
      if (error instanceof ApiError && error.status === 413)
        throw new ApiError(
          413,
          `the image is larger than ${megabytes(options.maxImageBytes)} (CANVAS_IMAGE_MAX_BYTES)`,
        )
      throw error
    }
    const contentType = imageTypeOf(bytes)
    if (!contentType)
      throw new ApiError(
        415,
        'only PNG, JPEG, GIF and WebP images can be added (SVG is refused: it can carry scripts)',
      )
    const hash = createHash('sha256').update(bytes).digest('hex')
    const result = await storeAsset(
      options.prisma,
      { documentName: name, hash, contentType, bytes, createdBy: { id: userId, name: null } },
      options.maxDocumentBytes,
    )
    if (!result.stored)
      throw new ApiError(
        413,
        `this canvas holds ${megabytes(result.usedBytes)} of images; adding ${megabytes(bytes.byteLength)} would pass its limit of ${megabytes(options.maxDocumentBytes)} (CANVAS_ASSETS_MAX_BYTES)`,
      )
    sendJson(response, result.existed ? 200 : 201, {
      id: hash,
      contentType,
      size: bytes.byteLength,
      url: assetPath(name, hash),
    })
  }

  async function fetchAsset(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
    id: string,
  ) {
    const asset = isAssetId(id) ? await readAsset(options.prisma, name, id) : null
    if (!asset) throw new ApiError(404, `this canvas has no image ${id.slice(0, 64)}`)
    const headers = {
      'Content-Type': asset.contentType,
      // The id is the bytes' hash: what this address answers never changes. Private: the
      // answer depends on the caller's token, so no shared cache may keep it.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${id}"`,
      'X-Content-Type-Options': 'nosniff',
      // Opened on its own, the image is an image: nothing in it may run or load anything.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Content-Disposition': 'inline',
    }
    if (request.headers['if-none-match'] === `"${id}"`) {
      response.writeHead(304, headers)
      return void response.end()
    }
    response.writeHead(200, { ...headers, 'Content-Length': String(asset.bytes.byteLength) })
    response.end(request.method === 'HEAD' ? undefined : asset.bytes)
  }
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment)
  } catch {
    return null
  }
}

export function assetPath(documentName: string, id: string): string {
  return `/api/documents/${encodeURIComponent(documentName)}/assets/${id}`
}
