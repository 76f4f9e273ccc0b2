/**
 * GET /api/documents/<name>/history?limit=N — the update log of a document for activity
 * panels: the state before the listed entries and the entries (who, when, which node, the
 * update). Same bearer token and document access rules as the WebSocket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { documentHistory, type PrismaClient } from '@weft/db'
import {
  accessFor,
  devModeClaims,
  documentNameProblem,
  TokenError,
  type TokenPolicy,
  verifyAccessToken,
} from '@weft/protocol'
import { sendJson } from './sendJson.ts'

const MAX_LIMIT = 2_000

export async function handleHistory(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  options: { prisma: PrismaClient; tokens?: TokenPolicy },
): Promise<void> {
  const encoded = url.pathname.slice('/api/documents/'.length, -'/history'.length)
  const documentName = decodeURIComponent(encoded)
  const problem = documentNameProblem(documentName)
  if (problem) return sendJson(response, 400, { error: problem })
  const limit = Math.min(
    MAX_LIMIT,
    Math.max(1, Number(url.searchParams.get('limit') ?? 200) || 200),
  )

  const header = request.headers.authorization ?? ''
  const token = header.startsWith('Bearer ')
    ? header.slice(7).trim()
    : (url.searchParams.get('token') ?? '')
  let claims: Awaited<ReturnType<typeof verifyAccessToken>>
  try {
    claims = options.tokens ? await verifyAccessToken(token, options.tokens) : devModeClaims(token)
  } catch (error) {
    const message = error instanceof TokenError ? error.message : 'invalid token'
    return sendJson(response, 401, { error: message })
  }
  if (!accessFor(claims, documentName))
    return sendJson(response, 403, { error: 'token grants no access to this document' })

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
