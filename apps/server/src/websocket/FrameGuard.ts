/**
 * Checks the Yjs payload of every sync frame before Hocuspocus applies it. Hocuspocus closes
 * only the document connection when applying fails, leaving the client's socket open and the
 * client unaware; a frame that is not a valid Yjs update here closes the whole socket with 1007
 * (invalid payload), before any of it reaches the document.
 */
import { type beforeHandleMessagePayload, type Extension, MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import * as Y from 'yjs'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import { CloseCodes, ConnectionRefused, REFUSAL_REASONS } from '../refusals.ts'

/**
 * The Yjs update a Hocuspocus frame carries (sync step 2 or update), or null for other frames.
 * Throws when the frame cannot be decoded.
 */
function readUpdate(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame)
  decoding.readVarString(decoder)
  const type = decoding.readVarUint(decoder)
  if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null
  const step = decoding.readVarUint(decoder)
  if (step !== messageYjsSyncStep2 && step !== messageYjsUpdate) return null
  return decoding.readVarUint8Array(decoder)
}

/** The Yjs update in a frame, or null when it carries none or cannot be decoded. */
export function updateInFrame(frame: Uint8Array): Uint8Array | null {
  try {
    return readUpdate(frame)
  } catch {
    return null // FrameGuard refuses undecodable frames
  }
}

/** Returns why a Hocuspocus frame carries an invalid Yjs update, or null. */
export function invalidUpdateProblem(frame: Uint8Array): string | null {
  try {
    const update = readUpdate(frame)
    if (update) Y.decodeUpdate(update)
    return null
  } catch (error) {
    return error instanceof Error ? error.message : 'undecodable frame'
  }
}

export class FrameGuard implements Extension {
  extensionName = 'FrameGuard'
  private readonly logger: Logger

  constructor(logger: Logger) {
    this.logger = logger
  }

  async beforeHandleMessage({
    update,
    context,
    documentName,
    socketId,
  }: beforeHandleMessagePayload) {
    const problem = invalidUpdateProblem(update)
    if (!problem) return
    this.logger.warn({ documentName, socketId, problem }, 'invalid Yjs update; closing the socket')
    const { invalidPayload } = CloseCodes
    ;(context as ConnectionContext).transport?.close(invalidPayload, REFUSAL_REASONS.invalidUpdate)
    throw new ConnectionRefused(invalidPayload, REFUSAL_REASONS.invalidUpdate)
  }
}
