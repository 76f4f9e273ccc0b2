import { type AccessClaims, accessFor } from '@weft/protocol'
import type { OnlineUser, PresenceSession, PresenceSnapshot } from './types.ts'

/**
 * Groups sessions by document and user. With `claims`, only documents the token may read are
 * shown: presence reveals who works where, which is itself information about the document.
 */
export function summarize(
  sessions: Iterable<PresenceSession>,
  claims?: AccessClaims,
  onlyDocument?: string,
): PresenceSnapshot {
  const documents: Record<string, Map<string, OnlineUser>> = {}
  const everyone = new Set<string>()
  for (const session of sessions) {
    if (onlyDocument && session.documentName !== onlyDocument) continue
    if (claims && !accessFor(claims, session.documentName)) continue
    const users = documents[session.documentName] ?? new Map<string, OnlineUser>()
    documents[session.documentName] = users
    const user = users.get(session.userId) ?? {
      sub: session.userId,
      name: session.userName,
      nodes: [],
      connections: 0,
    }
    if (!user.nodes.includes(session.nodeId)) user.nodes.push(session.nodeId)
    user.connections += 1
    users.set(session.userId, user)
    everyone.add(session.userId)
  }
  const sorted = Object.keys(documents).sort()
  return {
    documents: Object.fromEntries(
      sorted.map((name) => [
        name,
        [...(documents[name] as Map<string, OnlineUser>).values()].sort((a, b) =>
          a.name.localeCompare(b.name),
        ),
      ]),
    ),
    users: everyone.size,
    at: new Date().toISOString(),
  }
}
