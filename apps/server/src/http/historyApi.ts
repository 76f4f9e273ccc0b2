/**
 * GET /api/documents/<name>/history?limit=N — the update log of a document for activity
 * panels: the state before the listed entries and the entries (who, when, which node, the
 * update). Same bearer token and document access rules as the WebSocket (access/authorize.ts);
 * the token is read from the Authorization header only, never from the query.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { documentHistory, type PrismaClient } from '@weft/db'
import { documentNameProblem } from '@weft/protocol'
import {
  AccessDenied,
  type Authorizer,
  authorizeRequest,
  documentAccess,
} from '../access/authorize.ts'
import { sendJson } from './sendJson.ts'

const MAX_LIMIT = 2_000

export async function handleHistory(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: Authorizer & { prisma: PrismaClient },
): Promise<void> {
  const encoded = url.pathname.slice('/api/documents/'.length, -'/history'.length)
  const documentName = decodeURIComponent(encoded)
  const problem = documentNameProblem(documentName)
  if (problem) return sendJson(response, 400, { error: problem })
  const limit = Math.min(
    MAX_LIMIT,
    Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200),
  )
  try {
    documentAccess(await authorizeRequest(request, options), documentName)
  } catch (error) {
    if (!(error instanceof AccessDenied)) throw error
    return sendJson(response, error.status, { error: error.message })
  }

  const history = await documentHistory(options.prisma, documentName, limit)
  sendJson(response, 200, {
    base: Buffer.from(history.base).toString('base64'),
    entries: history.entries.map((entry) => ({
      ...entry,
      receivedAt: entry.receivedAt.toISOString(),
      update: Buffer.from(entry.update).toString('base64'),
    })),
  })
}
