/**
 * The REST API for documents (docs/documents-api.md, OpenAPI at /api/openapi.json): list,
 * create, read, rename, trash and restore from the trash; export as JSON or Yjs; apply a Yjs
 * update to the live document; versions and restoring one. Same bearer tokens and document
 * access rules as the WebSocket; a per-caller request rate and a body size limit.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createDocument,
  type DocumentInfo,
  getDocument,
  isVersionId,
  listDocuments,
  listVersions,
  type PrismaClient,
  updateDocument,
} from '@weft/db'
import {
  type AccessClaims,
  accessFor,
  DOCUMENT_KINDS,
  documentNameProblem,
  parseDocumentName,
  type TokenPolicy,
} from '@weft/protocol'
import * as Y from 'yjs'
import { authorizeRequest, documentAccess } from '../access/authorize.ts'
import type { ShareLinks } from '../access/ShareLinks.ts'
import type { ConnectionUser } from '../context.ts'
import { originAllowed } from '../http/originPolicy.ts'
import type { Logger } from '../logger.ts'
import { isTileBoard } from '../tiles/TileBoard.ts'
import { ApiError, sendFailure, sendJson } from './apiResponse.ts'
import { type Action, apiRoute } from './apiRoute.ts'
import { exportJson } from './exportDocument.ts'
import type { FirstScreenStore } from './FirstScreenStore.ts'
import { gridFirstScreen } from './gridFirstScreen.ts'
import type { LiveDocuments, WriteResult } from './LiveDocuments.ts'
import { OPENAPI_DOCUMENT } from './openApi.ts'
import { pastReader, restoreVersion } from './pastVersions.ts'
import type { RequestRate } from './RequestRate.ts'
import { readBody, readJsonObject } from './readBody.ts'
import { createShareApi } from './ShareApi.ts'

export interface DocumentsApiOptions {
  prisma: PrismaClient
  live: LiveDocuments
  /** Absent: open dev mode. */
  tokens?: TokenPolicy
  /** Share links (absent in open dev mode, where sharing cannot limit anything). */
  links?: ShareLinks
  /** SHARE_LINK_MAX_HOURS. */
  maxShareLinkHours: number
  /** Called after this node revoked a share link. */
  onShareRevoked?: (shareId: string) => void
  rate: RequestRate
  maxBodyBytes: number
  /** GRID_FIRST_SCREEN_MAX_CELLS: the most cells one first-screen answer holds. */
  gridFirstScreenMaxCells: number
  /** Grids' first screens as stored at their last save. */
  firstScreens: FirstScreenStore
  allowedOrigins: string[]
  /** The caller's address when it has no token (the rate limit's key). */
  sourceOf: (request: IncomingMessage) => string
  logger: Logger
}

const MAX_TITLE_LENGTH = 200
const MAX_LIST = 200
const MAX_VERSIONS = 1_000

/** Answers the request and returns true, or returns false for paths that are not the API's. */
export function createDocumentsApi(options: DocumentsApiOptions) {
  const shareApi = createShareApi({
    prisma: options.prisma,
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.links ? { links: options.links } : {}),
    maxLinkHours: options.maxShareLinkHours,
    maxBodyBytes: options.maxBodyBytes,
    ...(options.onShareRevoked ? { onRevoke: options.onShareRevoked } : {}),
  })
  const auth = {
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.links ? { shares: options.links } : {}),
  }
  return async (request: IncomingMessage, response: ServerResponse, url: URL) => {
    const route = apiRoute(url.pathname)
    // The history API (GET …/history) keeps its own handler in http/.
    if (!route || (route.resource === 'action' && route.action === 'history')) return false
    try {
      if (route.resource === 'openapi') {
        allowMethods(request, ['GET', 'HEAD'])
        sendJson(response, 200, OPENAPI_DOCUMENT, { 'Cache-Control': 'public, max-age=300' })
        return true
      }
      const state = request.method !== 'GET' && request.method !== 'HEAD'
      if (
        state &&
        !originAllowed(request.headers.origin, request.headers.host, options.allowedOrigins)
      )
        throw new ApiError(403, 'origin not allowed')
      if (route.resource === 'openShare') {
        // Whoever holds a link may open it without a token of their own: paced by address.
        allowMethods(request, ['POST'])
        takeRate(`source:${options.sourceOf(request)}`)
        await shareApi.open(request, response)
        return true
      }
      const claims = await authorizeRequest(request, auth)
      takeRate(options.tokens ? `user:${claims.sub}` : `source:${options.sourceOf(request)}`)
      const caller = { claims, user: userOf(claims) }
      if (route.resource === 'collection') await collection(request, response, url, caller)
      else if (route.resource === 'document') await single(request, response, route.name, caller)
      else if (route.resource === 'share') {
        allowMethods(request, ['DELETE'])
        checkName(route.name)
        await shareApi.share(response, route.name, route.shareId, claims)
      } else if (route.action === 'shares') {
        allowMethods(request, ['GET', 'HEAD', 'POST'])
        checkName(route.name)
        await shareApi.shares(request, response, route.name, claims)
      } else await action(request, response, url, route.name, route.action, caller)
    } catch (error) {
      sendFailure(response, error, options.logger, {
        path: url.pathname,
        what: 'documents API request',
      })
    }
    return true
  }

  function takeRate(key: string) {
    const wait = options.rate.take(key)
    if (wait > 0)
      throw new ApiError(429, 'too many requests (API_REQUESTS_PER_MINUTE); try again shortly', {
        'Retry-After': String(wait),
      })
  }

  async function collection(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    caller: Caller,
  ) {
    allowMethods(request, ['GET', 'HEAD', 'POST'])
    if (request.method === 'POST') return create(request, response, caller)
    const kind = url.searchParams.get('kind') ?? undefined
    if (kind !== undefined && !(DOCUMENT_KINDS as readonly string[]).includes(kind))
      throw new ApiError(400, `kind must be one of ${DOCUMENT_KINDS.join(', ')}`)
    const limit = boundedInt(url.searchParams.get('limit'), 50, MAX_LIST, 'limit')
    const search = url.searchParams.get('q') ?? undefined
    // Rows the token cannot see are filtered here, so a page is read larger than it is served.
    const rows = await listDocuments(options.prisma, {
      ...(search ? { search: search.slice(0, MAX_TITLE_LENGTH) } : {}),
      ...(kind ? { kind } : {}),
      trashed: url.searchParams.get('trashed') === 'true',
      limit: options.tokens ? MAX_LIST * 5 : limit,
    })
    const documents = rows
      .map((row) => ({ row, access: accessFor(caller.claims, row.name) }))
      .flatMap(({ row, access }) => (access ? [describe(row, access)] : []))
      .slice(0, limit)
    sendJson(response, 200, { documents })
  }

  async function create(request: IncomingMessage, response: ServerResponse, caller: Caller) {
    const body = await readJsonObject(request, options.maxBodyBytes)
    const { kind, title, id } = body
    if (typeof kind !== 'string' || !(DOCUMENT_KINDS as readonly string[]).includes(kind))
      throw new ApiError(400, `"kind" must be one of ${DOCUMENT_KINDS.join(', ')}`)
    const checkedTitle = titleOf(title)
    if (id !== undefined && typeof id !== 'string') throw new ApiError(400, '"id" must be a string')
    const name = `${kind}:${id ?? newDocumentId()}`
    const problem = documentNameProblem(name)
    if (problem || parseDocumentName(name)?.subId)
      throw new ApiError(400, `"id": ${problem ?? 'must not contain /'}`)
    requireAccess(caller, name, 'write')
    const created = await createDocument(options.prisma, {
      name,
      title: checkedTitle ?? null,
      ownerId: caller.user.id,
      ownerName: caller.user.name,
    })
    if (!created) throw new ApiError(409, `a document named ${name} exists already`)
    sendJson(response, 201, describe(created, 'write'), {
      Location: `/api/documents/${encodeURIComponent(name)}`,
    })
  }

  async function single(
    request: IncomingMessage,
    response: ServerResponse,
    name: string,
    caller: Caller,
  ) {
    allowMethods(request, ['GET', 'HEAD', 'PATCH', 'DELETE'])
    checkName(name)
    const access = requireAccess(
      caller,
      name,
      request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write',
    )
    if (request.method === 'GET' || request.method === 'HEAD')
      return sendJson(response, 200, describe(await existing(name), access))
    if (request.method === 'DELETE') {
      const trashed = await updateDocument(options.prisma, name, { deletedAt: new Date() })
      if (!trashed) throw notFound(name)
      return sendJson(response, 200, describe(trashed, access))
    }
    const body = await readJsonObject(request, options.maxBodyBytes)
    const change: { title?: string | null; deletedAt?: Date | null } = {}
    if ('title' in body) change.title = titleOf(body.title) ?? null
    if ('trashed' in body) {
      if (typeof body.trashed !== 'boolean')
        throw new ApiError(400, '"trashed" must be true or false')
      change.deletedAt = body.trashed ? new Date() : null
    }
    if (Object.keys(change).length === 0)
      throw new ApiError(400, 'nothing to change: send "title" and/or "trashed"')
    const updated = await updateDocument(options.prisma, name, change)
    if (!updated) throw notFound(name)
    if ('title' in change && !isTileBoard(name)) {
      // The title in Postgres is the truth; its copy in the document tells everyone connected.
      await options.live.setTitle(name, updated.title, caller.user).catch((error: unknown) => {
        options.logger.warn(
          { document: name, err: error instanceof Error ? error.message : String(error) },
          'renamed, but the open document could not be told',
        )
      })
    }
    sendJson(response, 200, describe(updated, access))
  }

  async function action(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    name: string,
    verb: Action,
    caller: Caller,
  ) {
    checkName(name)
    if (verb === 'export') {
      allowMethods(request, ['GET', 'HEAD'])
      requireAccess(caller, name, 'read')
      await existing(name)
      const format = url.searchParams.get('format') ?? 'json'
      const version = url.searchParams.get('version')
      if (version !== null && !isVersionId(version))
        throw new ApiError(400, 'version must be a version id from GET …/versions')
      // A past version is read from the log; without one, from the live document.
      const past = version ? await pastReader(options.prisma, name, version) : null
      const read = (documentName: string) =>
        past ? past.read(documentName) : options.live.state(documentName, caller.user)
      if (format === 'yjs') {
        const state = await read(name)
        response.writeHead(200, {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': `attachment; filename="${name.replace(/[^A-Za-z0-9_.-]/g, '_')}.yjs"`,
          'Cache-Control': 'no-store',
        })
        return void response.end(state)
      }
      if (format !== 'json') throw new ApiError(400, 'format must be json or yjs')
      const body = await exportJson(name, read)
      if (past && past.files.size > 0 && isProjectExport(body)) {
        // Each file's own version then, so a client can restore one file to it.
        for (const file of body.files) file.version = past.files.get(`${name}/${file.id}`) ?? null
      }
      return sendJson(response, 200, version ? { ...(body as object), version } : body)
    }
    if (verb === 'first-screen') {
      allowMethods(request, ['GET', 'HEAD'])
      requireAccess(caller, name, 'read')
      await existing(name)
      const screen = await gridFirstScreen(
        options.live,
        options.firstScreens,
        name,
        url.searchParams,
        caller.user,
        options.gridFirstScreenMaxCells,
      )
      return sendJson(response, 200, screen)
    }
    if (verb === 'versions') {
      allowMethods(request, ['GET', 'HEAD'])
      requireAccess(caller, name, 'read')
      await existing(name)
      const limit = boundedInt(url.searchParams.get('limit'), 100, MAX_VERSIONS, 'limit')
      const beforeParam = url.searchParams.get('before')
      const before = beforeParam ? new Date(beforeParam) : undefined
      if (before && Number.isNaN(before.getTime()))
        throw new ApiError(400, 'before must be a date-time (ISO 8601)')
      const parsed = parseDocumentName(name)
      const versions = await listVersions(options.prisma, name, {
        limit,
        ...(before ? { before } : {}),
        // A code project's history is its tree's and its files' (each file is its own document).
        withParts: parsed?.kind === 'code' && !parsed.subId,
      })
      return sendJson(response, 200, {
        versions: versions.map((version) => ({ ...version, at: version.at.toISOString() })),
      })
    }
    allowMethods(request, ['POST'])
    requireAccess(caller, name, 'write')
    if (isTileBoard(name))
      throw new ApiError(403, 'a tile board changes only through validated placements')
    if (verb === 'updates') {
      const update = await readBody(request, options.maxBodyBytes)
      if (update.byteLength === 0) throw new ApiError(400, 'the body must be a binary Yjs update')
      try {
        Y.decodeUpdate(update)
      } catch {
        throw new ApiError(400, 'the body is not a valid Yjs update (V1 encoding)')
      }
      const result = await options.live.applyUpdate(name, update, caller.user)
      return sendWrite(response, result)
    }
    const body = await readJsonObject(request, options.maxBodyBytes)
    if (!isVersionId(body.version))
      throw new ApiError(
        400,
        '"version" must be a version id from GET …/versions (update:<n> or snapshot:<n>)',
      )
    const result = await restoreVersion(
      options.prisma,
      options.live,
      name,
      body.version,
      caller.user,
    )
    sendWrite(
      response,
      result,
      result.files === undefined
        ? { restored: body.version }
        : { restored: body.version, filesRestored: result.files },
    )
  }

  async function existing(name: string): Promise<DocumentInfo> {
    const row = await getDocument(options.prisma, name)
    if (!row) throw notFound(name)
    return row
  }
}

interface Caller {
  claims: AccessClaims
  user: ConnectionUser
}

function userOf(claims: AccessClaims): ConnectionUser {
  return { id: claims.sub, name: claims.name ?? claims.sub }
}

function requireAccess(caller: Caller, name: string, needed: 'read' | 'write') {
  return documentAccess(caller.claims, name, needed)
}

function allowMethods(request: IncomingMessage, methods: string[]) {
  if (!methods.includes(request.method ?? ''))
    throw new ApiError(405, `method not allowed (allowed: ${methods.join(', ')})`, {
      Allow: methods.join(', '),
    })
}

function checkName(name: string) {
  const problem = documentNameProblem(name)
  if (problem) throw new ApiError(400, problem)
}

function notFound(name: string) {
  return new ApiError(404, `no document named ${name}`)
}

function titleOf(title: unknown): string | undefined {
  if (title === undefined || title === null) return undefined
  if (typeof title !== 'string') throw new ApiError(400, '"title" must be a string')
  const trimmed = title.trim()
  if (trimmed.length > MAX_TITLE_LENGTH)
    throw new ApiError(400, `"title" is longer than ${MAX_TITLE_LENGTH} characters`)
  return trimmed || undefined
}

function boundedInt(raw: string | null, fallback: number, max: number, label: string): number {
  if (raw === null) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new ApiError(400, `${label} must be an integer from 1 to ${max}`)
  return value
}

/** 12 hex characters, like the ids the apps give new documents. */
function newDocumentId(): string {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 12)
}

function isProjectExport(
  body: unknown,
): body is { files: { id: string; version?: string | null }[] } {
  return (
    typeof body === 'object' && body !== null && Array.isArray((body as { files?: unknown }).files)
  )
}

function sendWrite(
  response: ServerResponse,
  result: WriteResult,
  extra: Record<string, unknown> = {},
) {
  // 202: applied to the live document and sent to everyone, but the database is away: the row is
  // queued (and journaled) and written when it is back.
  sendJson(response, result.stored ? 200 : 202, {
    ...extra,
    changed: result.changed,
    stored: result.stored,
  })
}

function describe(row: DocumentInfo, access: 'read' | 'write') {
  const parsed = parseDocumentName(row.name)
  return {
    name: row.name,
    kind: row.kind,
    id: parsed?.id ?? row.name,
    title: row.title,
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: (row.updatedAt ?? row.createdAt).toISOString(),
    updatedBy: row.updatedById ? { id: row.updatedById, name: row.updatedByName } : null,
    trashedAt: row.deletedAt?.toISOString() ?? null,
    access,
    url: parsed ? `/${parsed.kind}/${encodeURIComponent(parsed.id)}` : null,
  }
}
