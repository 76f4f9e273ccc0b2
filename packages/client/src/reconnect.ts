import { type HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider'

/**
 * Closes a connected socket and opens it again at once, keeping its documents (Y.Docs, attached
 * providers, unsent edits): the node authenticates the documents again and so learns what changed
 * about the user (a new display name, docs/identity.md). A socket that is not connected is left
 * to its own retries, which authenticate afresh anyway.
 */
export function reconnectSocket(socket: HocuspocusProviderWebsocket): void {
  if (socket.status !== WebSocketStatus.Connected) return
  const again = () => {
    socket.off('disconnect', again)
    void socket.connect()
  }
  socket.on('disconnect', again)
  socket.disconnect()
}
