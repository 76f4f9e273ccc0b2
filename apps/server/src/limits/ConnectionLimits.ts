/**
 * Limits that need the authenticated user: sockets per user on this node
 * (MAX_CONNECTIONS_PER_USER; the next socket is refused with 4430, "too many open tabs") and
 * documents per socket (MAX_DOCUMENTS_PER_CONNECTION; the next document is refused with 4431
 * while the socket's other documents carry on). A limit refuses new work only: nothing already
 * authenticated is dropped. Its onDisconnect keeps each socket's open documents current.
 */
import type { Extension, onDisconnectPayload } from '@hocuspocus/server'
import type { ConnectionContext, SocketState } from '../context.ts'
import { CloseCodes, ConnectionRefused } from '../refusals.ts'

export interface ConnectionLimitsOptions {
  maxConnectionsPerUser: number
  maxDocumentsPerConnection: number
}

export class ConnectionLimits implements Extension {
  extensionName = 'ConnectionLimits'
  private readonly options: ConnectionLimitsOptions
  private readonly socketsPerUser = new Map<string, number>()

  constructor(options: ConnectionLimitsOptions) {
    this.options = options
  }

  /**
   * Admits an authenticated document on a socket, or throws ConnectionRefused (4430 / 4431).
   * Called by AccessControl once the token is valid (hooks after it see the context it had
   * before, without the user).
   */
  admit(socket: SocketState, userId: string, documentName: string) {
    if (socket.userId === undefined) {
      const held = this.socketsPerUser.get(userId) ?? 0
      if (held >= this.options.maxConnectionsPerUser) {
        throw new ConnectionRefused(
          CloseCodes.tooManyConnections,
          `too many open tabs: ${held} connections of this user on this server`,
        )
      }
      if (!socket.documents.has(documentName)) this.checkDocuments(socket)
      this.socketsPerUser.set(userId, held + 1)
      socket.userId = userId
    } else if (!socket.documents.has(documentName)) {
      this.checkDocuments(socket)
    }
    socket.documents.add(documentName)
    socket.authenticated?.()
  }

  private checkDocuments(socket: SocketState) {
    if (socket.documents.size < this.options.maxDocumentsPerConnection) return
    throw new ConnectionRefused(
      CloseCodes.tooManyDocuments,
      `too many documents on one connection (${socket.documents.size})`,
    )
  }

  async onDisconnect({ context, documentName }: onDisconnectPayload) {
    ;(context as ConnectionContext).socket?.documents.delete(documentName)
  }

  /** The socket closed: it no longer counts against its user. */
  release(socket: SocketState) {
    const { userId } = socket
    if (userId === undefined) return
    socket.userId = undefined
    const held = (this.socketsPerUser.get(userId) ?? 1) - 1
    if (held > 0) this.socketsPerUser.set(userId, held)
    else this.socketsPerUser.delete(userId)
  }

  /** Sockets counted against users on this node (for tests and metrics). */
  get countedSockets(): number {
    let total = 0
    for (const held of this.socketsPerUser.values()) total += held
    return total
  }
}
