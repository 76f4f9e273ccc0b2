import type { PresenceSession } from './types.ts'

/** Where the presence HTTP API reads from: the Redis aggregate, or one embedded node's own sessions. */
export interface PresenceSource {
  sessions(): PresenceSession[]
  /** Called after every change; returns an unsubscribe function. */
  subscribe(listener: () => void): () => void
}

/** The sessions of a single node (embedded mode, no Redis). */
export class LocalPresence implements PresenceSource {
  private readonly map = new Map<string, PresenceSession>()
  private readonly listeners = new Set<() => void>()

  join(session: PresenceSession): void {
    this.map.set(session.id, session)
    this.emit()
  }

  leave(sessionId: string): void {
    if (this.map.delete(sessionId)) this.emit()
  }

  /** The session with this id, while it is open. */
  get(sessionId: string): PresenceSession | undefined {
    return this.map.get(sessionId)
  }

  sessions(): PresenceSession[] {
    return [...this.map.values()]
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private emit() {
    for (const listener of this.listeners) listener()
  }
}
