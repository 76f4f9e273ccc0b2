/**
 * Which frames between nodes carry updates their publisher journaled (decision 0202).
 *
 * A frame is the Redis extension's: one byte with the sender identifier's length, the
 * identifier, then a Hocuspocus message (document name, message type, for a sync message its
 * step). A node's identifier ends with JOURNALED_MARK, and it publishes an update under it only
 * once the update is in its Redis journal; an update whose journal append failed goes out under
 * the identifier without the mark. So a peer knows an update frame is durable when its
 * identifier has the mark, and a node of a version that never journaled (no mark) is never
 * taken for one that did. Only update frames are vouched for: a sync answer (step 2) carries a
 * peer's memory, which nobody journaled as such.
 */

import { MessageType } from '@hocuspocus/server'
import { createDecoder, readVarString, readVarUint } from 'lib0/decoding'
import { messageYjsUpdate } from 'y-protocols/sync'

/** Ends the identifier of a node that journals every update before publishing it. */
export const JOURNALED_MARK = '.j'

/** The frame for an update this node could not journal: its identifier without the mark. */
export function unjournaledFrame(identifier: string, message: Uint8Array): Buffer {
  const unmarked = Buffer.from(identifier.slice(0, -JOURNALED_MARK.length), 'utf-8')
  return Buffer.concat([Buffer.from([unmarked.length]), unmarked, message])
}

/** True for an update frame whose publisher journaled it; false for any other or unreadable frame. */
export function isJournaledUpdate(frame: Uint8Array): boolean {
  try {
    const identifierLength = frame[0] ?? 0
    const identifier = Buffer.from(frame.buffer, frame.byteOffset + 1, identifierLength)
    if (!identifier.toString('utf-8').endsWith(JOURNALED_MARK)) return false
    const decoder = createDecoder(frame.subarray(identifierLength + 1))
    readVarString(decoder)
    return readVarUint(decoder) === MessageType.Sync && readVarUint(decoder) === messageYjsUpdate
  } catch {
    return false
  }
}
