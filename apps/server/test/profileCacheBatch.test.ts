// Awareness stamping peeks at a user's profile on every renewal (each idle client every 15 s,
// longer apart than the cache's TTL). With many distinct users that must not be a Postgres query
// per renewal: the reads peeks start go together, and a name changed in Postgres still shows.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type Database, openDatabase, type PrismaClient, saveProfile } from '@weft/db'
import { migrate, type PostgresInstance, startPostgres, waitFor } from '@weft/testkit'
import { ProfileCache } from '../src/identity/ProfileCache.ts'

const USERS = 300
let postgres: PostgresInstance
let database: Database
/** Profile queries the cache made (the real client's, counted on their way to Postgres). */
let queries = 0
let counted: PrismaClient

before(async () => {
  postgres = await startPostgres()
  const url = await postgres.createDatabase('profile_batch')
  migrate(url)
  database = await openDatabase({ databaseUrl: url })
  for (let i = 0; i < USERS; i++) {
    await saveProfile(database.prisma, {
      userId: `user-${i}`,
      displayName: `Name ${i}`,
      color: '#336699',
    })
  }
  const profiles = database.prisma.userProfile
  const countingProfiles = new Proxy(profiles, {
    get(target, property) {
      const value = Reflect.get(target, property, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        queries += 1
        return value.apply(target, args)
      }
    },
  })
  counted = new Proxy(database.prisma, {
    get: (target, property) =>
      property === 'userProfile' ? countingProfiles : Reflect.get(target, property, target),
  })
})

after(async () => {
  await database?.close()
  await postgres?.destroy()
})

const ARRIVES = { timeoutMs: 60_000 }

test('peeks at many users read their profiles in one query, and a rename still shows', async () => {
  const cache = new ProfileCache(counted)
  const users = Array.from({ length: USERS }, (_, i) => `user-${i}`)
  // As renewals from 300 different users would: nothing cached yet.
  for (const user of users) assert.equal(cache.peek(user), undefined)
  await waitFor(
    'every name is known',
    () => users.every((user, i) => cache.peek(user)?.displayName === `Name ${i}`),
    ARRIVES,
  )
  // One query (two if this machine stalled past the 5 s TTL mid-wait), not one per user.
  assert.ok(queries <= 2, `${queries} queries for ${USERS} users`)

  await saveProfile(database.prisma, {
    userId: 'user-7',
    displayName: 'Renamed',
    color: '#993366',
  })
  // Elsewhere (another node) the rename is picked up once the cached profile is stale.
  await waitFor(
    'the new name shows',
    () => cache.peek('user-7')?.displayName === 'Renamed',
    ARRIVES,
  )
  assert.equal(cache.peek('user-7')?.color, '#993366')
  // A user without a profile stays without one (the token's name is used), read once.
  const before = queries
  assert.equal(cache.peek('nobody'), undefined)
  await waitFor('nobody is known to have no profile', () => cache.peek('nobody') === null, ARRIVES)
  assert.ok(queries - before <= 2, `${queries - before} queries for one user`)
})
