/**
 * The display names and colours of users with a profile, as this node last read them. Document
 * authentication asks for the user's profile (one primary-key read, at most every TTL per user);
 * awareness stamping reads what is cached without waiting, so a slow or absent Postgres never
 * holds up cursors. A profile saved through this node is cached at once; other nodes see it
 * within the TTL. A failed read keeps the last known profile (or none: the token's name).
 */
import { getProfile, type PrismaClient } from '@weft/db'

export interface CachedProfile {
  displayName: string
  color: string
}

interface Entry {
  profile: CachedProfile | null
  readAt: number
  pending?: Promise<CachedProfile | null>
}

/** Reads of one user are repeated at most this often per node. */
const TTL_MS = 5_000
/** Authentication waits at most this long for Postgres before using the token's name. */
const LOOKUP_DEADLINE_MS = 2_000
/** Bounds memory: the oldest entries are dropped past this many users. */
const MAX_ENTRIES = 10_000

export class ProfileCache {
  private readonly prisma: PrismaClient
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number

  constructor(prisma: PrismaClient, now: () => number = () => performance.now()) {
    this.prisma = prisma
    this.now = now
  }

  /** The user's profile, read again when the cached one is older than the TTL. */
  async lookup(userId: string): Promise<CachedProfile | null> {
    const entry = this.entries.get(userId)
    if (entry && this.now() - entry.readAt < TTL_MS) return entry.profile
    const read = this.refresh(userId)
    let timer: NodeJS.Timeout | undefined
    const deadline = new Promise<CachedProfile | null>((resolve) => {
      timer = setTimeout(
        () => resolve(this.entries.get(userId)?.profile ?? null),
        LOOKUP_DEADLINE_MS,
      )
    })
    try {
      return await Promise.race([read, deadline])
    } finally {
      clearTimeout(timer)
    }
  }

  /** What is cached now (no wait); starts a read in the background when it is stale. */
  peek(userId: string): CachedProfile | null | undefined {
    const entry = this.entries.get(userId)
    if (!entry || this.now() - entry.readAt >= TTL_MS) void this.refresh(userId)
    return entry?.profile
  }

  /** A profile this node just saved. */
  set(userId: string, profile: CachedProfile): void {
    this.store(userId, { profile, readAt: this.now() })
  }

  private refresh(userId: string): Promise<CachedProfile | null> {
    const entry = this.entries.get(userId)
    if (entry?.pending) return entry.pending
    const pending = getProfile(this.prisma, userId).then(
      (row) => {
        const profile = row ? { displayName: row.displayName, color: row.color } : null
        this.store(userId, { profile, readAt: this.now() })
        return profile
      },
      () => {
        // Postgres away: keep what was known, try again after the TTL.
        const known = this.entries.get(userId)?.profile ?? null
        this.store(userId, { profile: known, readAt: this.now() })
        return known
      },
    )
    this.store(userId, {
      profile: entry?.profile ?? null,
      readAt: entry?.readAt ?? -TTL_MS,
      pending,
    })
    return pending
  }

  private store(userId: string, entry: Entry): void {
    this.entries.delete(userId)
    this.entries.set(userId, entry)
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value
      if (oldest !== undefined) this.entries.delete(oldest)
    }
  }
}
