/** One user connected to one document on one node (a document connection). */
export interface PresenceSession {
  /** The node's id for this document connection. */
  id: string
  documentName: string
  userId: string
  userName: string
  nodeId: string
  /** The node process's boot: a node restarted under the same name is a new boot. */
  bootId: string
  openedAt: string
}

export interface OnlineUser {
  sub: string
  name: string
  /** Nodes the user is connected through, and how many document connections. */
  nodes: string[]
  connections: number
}

/** Everyone online, grouped by document (the `GET /api/presence` answer). */
export interface PresenceSnapshot {
  documents: Record<string, OnlineUser[]>
  /** Distinct users across all documents shown. */
  users: number
  at: string
}
