/**
 * Users' chosen display names and colours (the `user_profiles` table), keyed by the access
 * token's `sub`. A user without a row is shown by the token's `name` (docs/identity.md).
 */
import type { PrismaClient } from '../generated/prisma/client.ts'

export interface UserProfile {
  userId: string
  displayName: string
  color: string
  updatedAt: Date
}

export async function getProfile(
  prisma: PrismaClient,
  userId: string,
): Promise<UserProfile | null> {
  return prisma.userProfile.findUnique({ where: { userId } })
}

/** The profiles of those of `userIds` who have one (one query, whatever their number). */
export async function getProfiles(prisma: PrismaClient, userIds: string[]): Promise<UserProfile[]> {
  return prisma.userProfile.findMany({ where: { userId: { in: userIds } } })
}

/** Creates or replaces the user's profile; returns what is stored. */
export async function saveProfile(
  prisma: PrismaClient,
  profile: Omit<UserProfile, 'updatedAt'>,
): Promise<UserProfile> {
  const data = { displayName: profile.displayName, color: profile.color, updatedAt: new Date() }
  return prisma.userProfile.upsert({
    where: { userId: profile.userId },
    create: { userId: profile.userId, ...data },
    update: data,
  })
}
