import { type AwarenessUser, distinctPeople, type Identity, presencePeople } from '@weft/client'
import { useEffect, useRef } from 'react'
import { announce } from './announcer.ts'
import type { Presence } from './usePresence.ts'

const NOBODY: Presence['users'] = []

/**
 * "Bob joined" / "Bob left" in the live region, for the people the presence list shows
 * (presencePeople: the fleet-wide presence service merged with awareness), so what is heard
 * matches what is seen; people, not connections: a second tab of Bob's says nothing. Whoever is
 * already there when this page first hears from the document is announced as joining too,
 * which is how a sighted user learns it: the presence list fills in.
 */
export function useAnnouncePeople(
  users: readonly AwarenessUser<unknown>[],
  online: Presence | undefined,
  me: Identity,
): void {
  const known = useRef<Map<string, string> | null>(null)
  const people = presencePeople(online?.users ?? NOBODY, distinctPeople(users), me)
  // One string for the effect: the list is rebuilt on every render, its members are not.
  const key = people.map((p) => `${p.id}\u0000${p.name}\u0000${p.isMe}`).join('\u0001')
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for people, which is rebuilt each render
  useEffect(() => {
    const now = new Map<string, string>()
    for (const p of people) if (!p.isMe) now.set(p.id, p.name)
    const before = known.current
    known.current = now
    if (!before) return
    const joined = [...now].filter(([id]) => !before.has(id)).map(([, name]) => name)
    const left = [...before].filter(([id]) => !now.has(id)).map(([, name]) => name)
    if (joined.length) announce(`${list(joined)} joined`)
    if (left.length) announce(`${list(left)} left`)
  }, [key])
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
