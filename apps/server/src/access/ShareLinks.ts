/**
 * Share links: `/share/<id>.<signature>`, the signature an HMAC of the id under the node's token
 * key (AUTH_SECRET; during a rotation AUTH_SECRET_PREVIOUS is accepted too). A link someone made
 * up is refused without a database read; a signed link works while its row says it is neither
 * revoked nor expired. Tokens minted from a link carry its id (`share` claim) and are checked
 * against the row as well, so revoking a link also ends the access it gave.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { deadShares, type PrismaClient } from '@weft/db'
import type { ShareLiveness } from './authorize.ts'

/** How long a "still live" answer is reused: a revoke reaches new connections within this. */
const LIVENESS_CACHE_MS = 2_000

export class ShareLinks implements ShareLiveness {
  private readonly secrets: string[]
  private readonly prisma: PrismaClient
  private readonly cache = new Map<string, { live: boolean; until: number }>()

  constructor(options: { secrets: string[]; prisma: PrismaClient }) {
    this.secrets = options.secrets
    this.prisma = options.prisma
  }

  /** A new link id: 16 random bytes, base64url. */
  static newId(): string {
    return randomBytes(16).toString('base64url')
  }

  /** The link's key (what follows `/share/`): the id and its signature. */
  keyFor(id: string): string {
    return `${id}.${this.signature(id, this.secrets[0] ?? '')}`
  }

  /** The id of a correctly signed key, or null. */
  idOf(key: string): string | null {
    const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(key)
    if (!match?.[1] || !match[2]) return null
    const given = Buffer.from(match[2])
    for (const secret of this.secrets) {
      const expected = Buffer.from(this.signature(match[1], secret))
      if (expected.length === given.length && timingSafeEqual(expected, given)) return match[1]
    }
    return null
  }

  async isLive(shareId: string): Promise<boolean> {
    const now = Date.now()
    const cached = this.cache.get(shareId)
    if (cached && cached.until > now) return cached.live
    const dead = await deadShares(this.prisma, [shareId])
    const live = !dead.has(shareId)
    if (this.cache.size > 10_000) this.cache.clear()
    this.cache.set(shareId, { live, until: now + LIVENESS_CACHE_MS })
    return live
  }

  /** Forgets a cached answer (this node revoked the link). */
  forget(shareId: string): void {
    this.cache.delete(shareId)
  }

  private signature(id: string, secret: string): string {
    return createHmac('sha256', secret).update(`weft-share-link:${id}`).digest('base64url')
  }
}
