/**
 * Binds awareness to the connection that publishes it (issue 19, platform.md security contract).
 *
 * A client's awareness update is a map of Yjs client id → state, and y-protocols applies any id
 * with a newer clock: without a check, any connection could overwrite another client's cursor and
 * name, or publish itself as someone else. Here a connection may publish only client ids it
 * introduced on this document — an id that is live on the document and belongs to another
 * connection (or arrived from another node through Redis) is dropped from the update — and the
 * `user.id` / `user.name` of every state it publishes are stamped from its token's `sub` and
 * the user's display name (their profile's, else the token's `name`), and `user.color` from
 * their profile when they chose one; its other fields (cursor, selection) are kept. A profile
 * changed since the connection authenticated is picked up here from the node's ProfileCache
 * (without waiting for Postgres), and also renames the connection's user for the update log. The stamping happens before the
 * state is applied, so what this node broadcasts and what RedisFanout publishes to other nodes is
 * the stamped state; updates arriving from Redis were stamped by the node that received them.
 */
import type { beforeHandleAwarenessPayload, Extension } from '@hocuspocus/server'
import type { ConnectionContext, ConnectionUser } from '../context.ts'
import type { ProfileCache } from '../identity/ProfileCache.ts'
import type { Metrics } from '../metrics/Metrics.ts'

export class AwarenessGuard implements Extension {
  extensionName = 'AwarenessGuard'
  private readonly metrics: Metrics
  private readonly profiles: ProfileCache | undefined

  constructor(metrics: Metrics, profiles?: ProfileCache) {
    this.metrics = metrics
    this.profiles = profiles
  }

  async beforeHandleAwareness({
    states,
    connection,
    document,
    context,
  }: beforeHandleAwarenessPayload) {
    // Not from a client (Redis, server-side edits): stamped where it entered the fleet.
    if (!connection) return
    const user = (context as ConnectionContext | undefined)?.user
    if (user) this.refreshProfile(user)
    // Hocuspocus's own record of the ids this connection added (it removes them on close).
    const owned = document.getClients(connection) as Set<number>
    for (const [clientId, state] of states) {
      const ownedByOther = !owned.has(clientId) && document.awareness.getStates().has(clientId)
      if (ownedByOther || !user) {
        states.delete(clientId)
        this.metrics.awarenessDropped.inc()
        continue
      }
      // Claimed: a reconnecting client re-publishing an id whose state was removed counts as
      // "updated" for y-protocols, so Hocuspocus would not record it; record it here.
      owned.add(clientId)
      stampUser(state, user)
    }
  }

  /**
   * A state as this guard would let `user`'s connection publish it (the stamping above, with
   * the user's current profile): AwarenessRenewals compares a renewal with the held state so.
   */
  stamp(state: Record<string, unknown>, user: ConnectionUser): void {
    this.refreshProfile(user)
    stampUser(state, user)
  }

  private refreshProfile(user: ConnectionUser): void {
    const profile = this.profiles?.peek(user.id)
    if (!profile) return
    user.name = profile.displayName
    user.color = profile.color
  }
}

/** Sets the `user` field of a state that has one to the connection's identity (in place). */
function stampUser(state: Record<string, unknown>, user: ConnectionUser): void {
  if (!('user' in state)) return
  const fields = state.user !== null && typeof state.user === 'object' ? state.user : {}
  state.user = {
    ...fields,
    id: user.id,
    name: user.name,
    ...(user.color ? { color: user.color } : {}),
  }
}
