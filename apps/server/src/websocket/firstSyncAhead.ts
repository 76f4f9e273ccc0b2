/**
 * A large stored document sent to its first client before the node has parsed it (decision 0166).
 *
 * A first sync normally waits for the node to parse the stored snapshot (1.6 s for scenario 6's
 * 16 MB document), then encode the whole state again for the client (0.4 s), and only then does the
 * client start its own parse (1.7 s). When the socket's sync request is still queued with an empty
 * state vector (the client has nothing), the node can send the snapshot's updates straight away, as
 * an update message (the client applies it; its `synced` still waits for the real answer), and
 * parse its own copy while the client parses its. Once the node has applied the snapshot, the
 * queued request is given the snapshot's state vector, so the normal answer, sent when the document
 * is loaded, carries only what the client still lacks: the log tail, journal entries, updates from
 * peers and the delete set. What reaches the client is exactly what the normal answer would have
 * carried, in two messages instead of one.
 */
import { type Hocuspocus, MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { messageYjsSyncStep1, messageYjsUpdate } from 'y-protocols/sync'
import { queuedFramesOf } from '../libraryInternals/clientConnection.ts'
import { sendAndWait } from '../libraryInternals/ws.ts'

type ClientConnection = ReturnType<Hocuspocus['handleConnection']>

/**
 * How long the node waits for the snapshot to leave before parsing: parsing blocks the event loop,
 * and what is still in the socket's buffer would wait for it. A slow client is not waited for longer.
 */
const SEND_WAIT_MS = 1_000

/**
 * Sends `update()` (a V1 update) to the socket when it has a queued first-sync request for
 * `documentName`; resolves with the function that narrows that request to what a client holding
 * `update` still lacks, given the update's state vector. Null: no such request (nothing sent).
 */
export type SendAhead = (
  documentName: string,
  update: () => Uint8Array,
) => Promise<((stateVector: Uint8Array) => void) | null>

export async function sendAhead(
  connection: ClientConnection,
  websocket: unknown,
  documentName: string,
  update: () => Uint8Array,
): Promise<((stateVector: Uint8Array) => void) | null> {
  for (const [address, frames] of queuedFramesOf(connection)) {
    if (documentOf(address) !== documentName) continue
    const index = frames.findIndex(asksForEverything)
    const request = frames[index]
    if (!request) continue
    const sent = sendAndWait(websocket, updateMessage(address, update()))
    await Promise.race([sent, new Promise((resolve) => setTimeout(resolve, SEND_WAIT_MS))])
    return (stateVector) => {
      // Drained or dropped meanwhile (the socket closed): nothing to narrow.
      if (frames[index] === request) frames[index] = syncRequest(address, stateVector)
    }
  }
  return null
}

function documentOf(address: string): string {
  const separator = address.indexOf('\0')
  return separator === -1 ? address : address.slice(0, separator)
}

/** A sync step 1 whose state vector is empty: the client holds nothing of the document. */
export function asksForEverything(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame)
    decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return false
    if (decoding.readVarUint(decoder) !== messageYjsSyncStep1) return false
    const stateVector = decoding.readVarUint8Array(decoder)
    // An empty state vector is the count 0 alone.
    return stateVector.length === 1 && stateVector[0] === 0 && !decoding.hasContent(decoder)
  } catch {
    return false
  }
}

/**
 * The update message, built with one copy of the update: lib0's encoder would copy tens of
 * megabytes into its chunks and again into the result (0.3 s of a first sync at 24.5 MB).
 */
export function updateMessage(address: string, update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, address)
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, messageYjsUpdate)
  encoding.writeVarUint(encoder, update.byteLength)
  const header = encoding.toUint8Array(encoder)
  const message = new Uint8Array(header.byteLength + update.byteLength)
  message.set(header)
  message.set(update, header.byteLength)
  return message
}

function syncRequest(address: string, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, address)
  encoding.writeVarUint(encoder, MessageType.Sync)
  encoding.writeVarUint(encoder, messageYjsSyncStep1)
  encoding.writeVarUint8Array(encoder, stateVector)
  return encoding.toUint8Array(encoder)
}
