/**
 * Share links over the REST API (docs/documents-api.md, "Sharing"):
 * - `GET|POST /api/documents/{name}/shares`: the owner lists the live links (and who opened
 *   them) or creates one, read or write, expiring after a chosen number of hours;
 * - `DELETE /api/documents/{name}/shares/{id}`: the owner revokes one;
 * - `POST /api/shares/open` `{"link": "<key>"}`: anyone holding a link gets an access token
 *   limited to that document (and its sub-documents) and the link's role, valid until the link
 *   expires or TOKEN_MAX_LIFETIME, whichever comes first, and only while the link is not revoked.
 * Links need signed tokens: in open dev mode (no AUTH_SECRET) everyone may already write
 * everything, so the endpoints say so instead of pretending to limit access.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  createShare,
  getDocument,
  getShare,
  listShares,
  type PrismaClient,
  recordShareOpen,
  revokeShare,
  type ShareInfo,
} from '@weft/db'
import {
  type AccessClaims,
  mintAccessToken,
  parseDocumentName,
  type TokenPolicy,
} from '@weft/protocol'
import { AccessDenied, bearerToken, documentAccess, verifyCaller } from '../access/authorize.ts'
import { ShareLinks } from '../access/ShareLinks.ts'
import { ApiError, sendJson } from './apiResponse.ts'
import { readJsonObject } from './readBody.ts'

export interface ShareApiOptions {
  prisma: PrismaClient
  tokens?: TokenPolicy
  /** Absent in open dev mode. */
  links?: ShareLinks
  /** SHARE_LINK_MAX_HOURS: the longest expiry a link may be given. */
  maxLinkHours: number
  maxBodyBytes: number
  /** Called after this node revoked a link (ends the connections it gave). */
  onRevoke?: (shareId: string) => void
}

const MAX_GUEST_NAME = 60

export function createShareApi(options: ShareApiOptions) {
  function links(): ShareLinks {
    if (!options.links || !options.tokens)
      throw new ApiError(
        403,
        'sharing needs signed access tokens: this node runs in open dev mode (no AUTH_SECRET), where everyone with the address can already edit',
      )
    return options.links
  }

  /** The document's row, and the caller must be its owner (a document without one: any writer). */
  async function ownedDocument(name: string, claims: AccessClaims) {
    documentAccess(claims, name, 'write')
    if (parseDocumentName(name)?.subId)
      throw new ApiError(400, 'share the project or canvas itself')
    const row = await getDocument(options.prisma, name)
    if (!row) throw new ApiError(404, `no document named ${name}`)
    if (row.ownerId && row.ownerId !== claims.sub)
      throw new ApiError(
        403,
        `only the document's owner (${row.ownerName ?? row.ownerId}) can share it or see its links`,
      )
    return row
  }

  function describe(share: ShareInfo, now = Date.now()) {
    return {
      id: share.id,
      role: share.role,
      url: `/share/${links().keyFor(share.id)}`,
      createdAt: share.createdAt.toISOString(),
      expiresAt: share.expiresAt.toISOString(),
      revokedAt: share.revokedAt?.toISOString() ?? null,
      state: share.revokedAt ? 'revoked' : share.expiresAt.getTime() <= now ? 'expired' : 'live',
      openedBy: share.opens.map((open) => ({
        id: open.userId,
        name: open.userName,
        firstOpenedAt: open.firstOpenedAt.toISOString(),
        lastOpenedAt: open.lastOpenedAt.toISOString(),
      })),
    }
  }

  return {
    /** GET lists, POST creates (`{"role":"read"|"write","expiresInHours":n}`). */
    async shares(
      request: IncomingMessage,
      response: ServerResponse,
      name: string,
      claims: AccessClaims,
    ) {
      links()
      const row = await ownedDocument(name, claims)
      if (request.method === 'POST') {
        const body = await readJsonObject(request, options.maxBodyBytes)
        if (body.role !== 'read' && body.role !== 'write')
          throw new ApiError(400, '"role" must be "read" or "write"')
        const hours = body.expiresInHours
        if (typeof hours !== 'number' || !(hours > 0) || hours > options.maxLinkHours)
          throw new ApiError(
            400,
            `"expiresInHours" must be a number above 0 and at most ${options.maxLinkHours} (SHARE_LINK_MAX_HOURS)`,
          )
        const share = await createShare(options.prisma, {
          id: ShareLinks.newId(),
          documentName: name,
          role: body.role,
          createdById: claims.sub,
          expiresAt: new Date(Date.now() + hours * 3_600_000),
        })
        return sendJson(response, 201, describe(share))
      }
      const all = new URL(request.url ?? '/', 'http://x').searchParams.get('all') === 'true'
      const shares = await listShares(options.prisma, name, { all })
      sendJson(response, 200, {
        owner: row.ownerId ? { id: row.ownerId, name: row.ownerName } : null,
        shares: shares.map((share) => describe(share)),
      })
    },

    /** DELETE revokes. */
    async share(response: ServerResponse, name: string, shareId: string, claims: AccessClaims) {
      links()
      await ownedDocument(name, claims)
      const share = await revokeShare(options.prisma, name, shareId)
      if (!share) throw new ApiError(404, `${name} has no share link ${shareId}`)
      options.links?.forget(shareId)
      options.onRevoke?.(shareId)
      sendJson(response, 200, describe(share))
    },

    /** POST /api/shares/open: a link's key for a token (the caller may send its own token). */
    async open(request: IncomingMessage, response: ServerResponse) {
      const signer = links()
      const tokens = options.tokens as TokenPolicy
      const body = await readJsonObject(request, options.maxBodyBytes)
      const share = await liveShare(options.prisma, signer, body.link)
      const caller = await callerOf(request, options, body)
      const now = Date.now()
      const expires = Math.min(share.expiresAt.getTime(), now + tokens.maxLifetimeSeconds * 1000)
      const token = await mintAccessToken(
        {
          sub: caller.sub,
          name: caller.name,
          // The document and what belongs to it (a project's files, a canvas's tile board).
          docs: { [share.documentName]: share.role, [`${share.documentName}/*`]: share.role },
          share: share.id,
          ...(tokens.issuer ? { iss: tokens.issuer } : {}),
          ...(tokens.audience ? { aud: tokens.audience } : {}),
        },
        tokens.secrets[0] as string,
        Math.floor(expires / 1000),
      )
      await recordShareOpen(options.prisma, {
        shareId: share.id,
        userId: caller.sub,
        userName: caller.name,
      })
      const parsed = parseDocumentName(share.documentName)
      sendJson(response, 200, {
        token,
        name: share.documentName,
        role: share.role,
        url: parsed ? `/${parsed.kind}/${encodeURIComponent(parsed.id)}` : null,
        expiresAt: new Date(expires).toISOString(),
      })
    },
  }
}

/** The share a key names, when it still works; otherwise an error saying why, in words. */
export async function liveShare(
  prisma: PrismaClient,
  signer: ShareLinks,
  key: unknown,
): Promise<ShareInfo> {
  const id = typeof key === 'string' ? signer.idOf(key.replace(/^.*\/share\//, '')) : null
  if (!id)
    throw new ApiError(404, 'this is not a valid share link: check that the whole link was copied')
  const share = await getShare(prisma, id)
  if (!share) throw new ApiError(404, 'this share link does not exist (its document was deleted)')
  if (share.revokedAt)
    throw new ApiError(
      410,
      "this share link was turned off by the document's owner: ask them for a new link",
    )
  if (share.expiresAt.getTime() <= Date.now())
    throw new ApiError(
      410,
      `this share link expired on ${share.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC: ask the document's owner for a new link`,
    )
  return share
}

/** The caller's own identity when it sent a valid token; otherwise a guest named by the page. */
async function callerOf(
  request: IncomingMessage,
  options: ShareApiOptions,
  body: Record<string, unknown>,
): Promise<{ sub: string; name: string }> {
  const token = bearerToken(request)
  if (token) {
    try {
      const claims = await verifyCaller(token, {
        ...(options.tokens ? { tokens: options.tokens } : {}),
        ...(options.links ? { shares: options.links } : {}),
      })
      return { sub: claims.sub, name: claims.name ?? claims.sub }
    } catch (error) {
      // A stale token of the browser's own is no reason to refuse the link: open it as a guest.
      if (!(error instanceof AccessDenied)) throw error
    }
  }
  const guestId =
    typeof body.guestId === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(body.guestId)
      ? body.guestId
      : ShareLinks.newId()
  const name =
    typeof body.name === 'string' && body.name.trim()
      ? body.name.trim().slice(0, MAX_GUEST_NAME)
      : 'Guest'
  return { sub: `guest:${guestId}`, name }
}
