/**
 * What a document's connections receive of a turn's updates: what they do not have. Hocuspocus
 * merges every update of a turn and sends the result to every connection, so a client gets its
 * own keystrokes back and the node merges them even when no one else is there to read them (the
 * writer's node of a trace merged 137k keystrokes for its one connection, which already had
 * them). Here a connection that sent all of a turn gets nothing of it, and a turn with no other
 * reader is not merged at all (docs/decisions/0160-broadcast-to-others.md); every other
 * connection gets the turn's one shared frame. A connection that sent part of a turn gets that
 * frame too, its own part included (Yjs skips what it already has): merging "all but mine" for
 * each of k writers of a turn was k + 1 merges of up to k updates, which on a hot document
 * (scenario 3, 20 typists) grew with the square of the writers exactly when the node fell behind
 * (docs/decisions/0197-one-frame-per-turn-for-writers.md).
 * Updates from Redis, the REST API or the server itself have no sending connection: everyone
 * gets them. Acknowledgements (SyncStatus) are separate frames and unchanged.
 */
import {
  type afterLoadDocumentPayload,
  type Connection,
  type Document,
  type Extension,
  isTransactionOrigin,
  OutgoingMessage,
} from '@hocuspocus/server'
import * as Y from 'yjs'
import { takeOverBroadcast } from '../libraryInternals/hocuspocusServer.ts'

function senderOf(origin: unknown): Connection | null {
  return isTransactionOrigin(origin) && origin.source === 'connection' ? origin.connection : null
}

const merge = (updates: Uint8Array[]) =>
  updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)

const frame = (address: string, update: Uint8Array) =>
  new OutgoingMessage(address).createSyncMessage().writeUpdate(update).toUint8Array()

/** Sends a turn's updates to each connection of `document`, leaving out what it sent itself. */
export function broadcastToOthers(
  document: Document,
  updates: Uint8Array[],
  origins: unknown[],
): void {
  const connections = document.getConnections()
  if (connections.length === 0) return
  const senders = origins.map(senderOf)
  const sending = new Set<Connection>()
  let fromElsewhere = false
  for (const sender of senders) {
    if (sender) sending.add(sender)
    else fromElsewhere = true
  }
  // The one connection that sent everything of the turn has all of it already.
  const soleSender = sending.size === 1 && !fromElsewhere ? [...sending][0] : undefined
  let all: Uint8Array | undefined
  // Connections sharing a message address share the bytes of the whole turn's frame.
  const framesOfAll = new Map<string, Uint8Array>()
  for (const connection of connections) {
    if (connection === soleSender) continue
    const address = connection.messageAddress
    let bytes = framesOfAll.get(address)
    if (!bytes) {
      all ??= merge(updates)
      bytes = frame(address, all)
      framesOfAll.set(address, bytes)
    }
    connection.send(bytes)
  }
}

/** Takes over the broadcast of every document this node loads. */
export class BroadcastToOthers implements Extension {
  extensionName = 'BroadcastToOthers'

  async afterLoadDocument({ document }: afterLoadDocumentPayload) {
    takeOverBroadcast(document, broadcastToOthers)
  }
}
