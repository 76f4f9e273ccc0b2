/**
 * The one use of @hocuspocus/server's ClientConnection internals: `incomingMessageQueue`
 * (private), the frames a socket sent for a document whose connection is still being set up
 * (authentication, then the load), keyed by the address the client used (the document name, or
 * `name\0session`). Hocuspocus hands them to the document's connection, in order, once it is
 * loaded. A first sync sent ahead of the load (persistence/sendAhead.ts, decision 0166) reads the
 * client's queued sync request there and narrows it to what the client still lacks.
 * clientConnection.test.ts fails when an upgrade changes that shape.
 */
import type { Hocuspocus } from '@hocuspocus/server'

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

/** A socket's queued frames, by address (live: the arrays Hocuspocus will drain). */
export function queuedFramesOf(connection: ClientConnection): Map<string, Uint8Array[]> {
  const queue = (connection as unknown as { incomingMessageQueue?: unknown }).incomingMessageQueue
  const frames = new Map<string, Uint8Array[]>()
  if (typeof queue !== 'object' || queue === null) return frames
  for (const [address, list] of Object.entries(queue)) {
    if (Array.isArray(list)) frames.set(address, list as Uint8Array[])
  }
  return frames
}
