import type { Identity } from './identity.ts'

/** One connected client as seen through awareness; `state` holds app-specific fields. */
export type AwarenessUser<State = Record<string, unknown>> = {
  clientId: number
  user: Identity
  state: State
  isLocal: boolean
}

type AwarenessLike = {
  clientID: number
  getStates(): Map<number, Record<string, unknown>>
}

/**
 * Connected clients with a published identity, one entry per client (a user
 * with two tabs appears twice, which is what selection outlines need).
 */
export function awarenessUsers<State = Record<string, unknown>>(
  awareness: AwarenessLike,
): AwarenessUser<State>[] {
  const out: AwarenessUser<State>[] = []
  for (const [clientId, state] of awareness.getStates()) {
    const user = state.user as Identity | undefined
    if (!user?.id) continue
    out.push({ clientId, user, state: state as State, isLocal: clientId === awareness.clientID })
  }
  return out
}

/** The same list collapsed to people, for "who is here". */
export function distinctPeople(users: readonly AwarenessUser<unknown>[]): Identity[] {
  const byId = new Map<string, Identity>()
  for (const u of users) if (!byId.has(u.user.id)) byId.set(u.user.id, u.user)
  return [...byId.values()]
}
