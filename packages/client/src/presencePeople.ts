import type { Identity } from './identity.ts'
import type { OnlineUser } from './presenceStream.ts'

/** One person in a "who is here" list: fleet presence merged with awareness. */
export type PresencePerson = {
  id: string
  name: string
  /** From awareness (their chosen colour); absent for people only the presence service knows. */
  color?: string
  isMe: boolean
  /** `presence`: the fleet-wide service lists them (with counts); `awareness`: only awareness does. */
  source: 'presence' | 'awareness'
  connections?: number
  nodes?: string[]
}

/**
 * Me first, then everyone the presence service lists for the document (people on other nodes
 * included), then anyone awareness shows that presence does not list yet (it lags joins by up
 * to a poll). Awareness gives colours and current names; presence gives connection and node counts.
 */
export function presencePeople(
  online: readonly OnlineUser[],
  awarenessPeople: readonly Identity[],
  me: Identity,
): PresencePerson[] {
  const seen = new Map(awarenessPeople.map((p) => [p.id, p]))
  const out: PresencePerson[] = []
  const ids = new Set<string>()
  const meOnline = online.find((u) => u.sub === me.id)
  out.push({
    id: me.id,
    name: me.name,
    color: me.color,
    isMe: true,
    ...(meOnline
      ? { source: 'presence', connections: meOnline.connections, nodes: meOnline.nodes }
      : { source: 'awareness' }),
  })
  ids.add(me.id)
  for (const user of online) {
    if (ids.has(user.sub)) continue
    ids.add(user.sub)
    const aware = seen.get(user.sub)
    out.push({
      id: user.sub,
      name: aware?.name ?? user.name,
      ...(aware ? { color: aware.color } : {}),
      isMe: false,
      source: 'presence',
      connections: user.connections,
      nodes: user.nodes,
    })
  }
  for (const person of awarenessPeople) {
    if (ids.has(person.id)) continue
    ids.add(person.id)
    out.push({ ...person, isMe: false, source: 'awareness' })
  }
  return out
}

/** "2 tabs on 2 nodes (node-a, node-b)" — the tooltip for a person's presence marker. */
export function describeConnections(person: Pick<PresencePerson, 'connections' | 'nodes'>) {
  if (person.connections === undefined || !person.nodes) return 'seen through awareness only'
  const c = person.connections
  const n = person.nodes.length
  return `${c} connection${c === 1 ? '' : 's'} on ${n} node${n === 1 ? '' : 's'} (${person.nodes.join(', ')})`
}
