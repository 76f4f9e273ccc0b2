/**
 * The display names and colours of users with a profile, as this node last read them. Document
 * authentication asks for the user's profile (one primary-key read, at most every TTL per user);
 * awareness stamping reads what is cached without waiting, so a slow or absent Postgres never
 * holds up cursors. A profile saved through this node is cached at once; other nodes see it
 * within the TTL. A failed read keeps the last known profile (or none: the token's name).
 *
 * Stamping peeks at every awareness renewal (each idle client every 15 s, longer apart than the
 * TTL), so with many distinct users a read per peek would be a Postgres query per renewal: 667 a
 * second at 10,000 idle users. The reads peeks start wait PEEK_BATCH_MS and are made together,
 * one query for every user peeked meanwhile (docs/benchmarks.md, "Idle sockets").
 */
import { getProfile, getProfiles, type PrismaClient } from '@weft/db'

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
/** Peeks' reads wait this long to go together (a name change shows this much later at most). */
const PEEK_BATCH_MS = 250
/** Users per batched query (bounds one query's parameters). */
const PEEK_BATCH_USERS = 1_000

export class ProfileCache {
  private readonly prisma: PrismaClient
  private readonly entries = new Map<string, Entry>()
  private readonly now: () => number
  /** Users whose profile a peek found stale, read together at the next batch. */
  private readonly queued = new Set<string>()
  private batch: ReturnType<typeof setTimeout> | undefined

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
    if (!entry?.pending && (!entry || this.now() - entry.readAt >= TTL_MS)) this.queue(userId)
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

  private queue(userId: string): void {
    this.queued.add(userId)
    if (this.batch) return
    this.batch = setTimeout(() => this.readQueued(), PEEK_BATCH_MS)
    this.batch.unref()
  }

  /** One query per PEEK_BATCH_USERS of the users peeks queued. */
  private readQueued(): void {
    this.batch = undefined
    const userIds = [...this.queued]
    this.queued.clear()
    for (let start = 0; start < userIds.length; start += PEEK_BATCH_USERS) {
      const chunk = userIds.slice(start, start + PEEK_BATCH_USERS)
      const read = getProfiles(this.prisma, chunk).then(
        (rows) => {
          const found = new Map(rows.map((row) => [row.userId, row]))
          for (const userId of chunk) {
            const row = found.get(userId)
            const profile = row ? { displayName: row.displayName, color: row.color } : null
            this.store(userId, { profile, readAt: this.now() })
          }
        },
        () => {
          // Postgres away: keep what was known, try again after the TTL.
          for (const userId of chunk) {
            const known = this.entries.get(userId)?.profile ?? null
            this.store(userId, { profile: known, readAt: this.now() })
          }
        },
      )
      for (const userId of chunk) {
        const entry = this.entries.get(userId)
        if (entry?.pending) continue // a lookup's own read is on its way
        this.store(userId, {
          profile: entry?.profile ?? null,
          readAt: entry?.readAt ?? -TTL_MS,
          pending: read.then(() => this.entries.get(userId)?.profile ?? null),
        })
      }
    }
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
