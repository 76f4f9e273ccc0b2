/**
 * Validates every socket write to a Canvas document (`canvas:<id>`) before Hocuspocus applies
 * it, with the check the REST API uses too (CanvasWrites: a shadow copy, `validateCanvasChange`
 * on the touched shapes, image assets this document holds). An update that leaves any touched
 * shape malformed (unknown type, a box that is not four finite numbers, odd point lists, colours
 * that are not colours, text over the limit, an image of bytes it never uploaded…) is refused:
 * the socket closes with 4422 and a reason naming the first problem, nothing of the update
 * reaches the document, and what others wrote stays. Why a shadow and not a fresh copy per
 * frame: docs/decisions/0120-canvas-write-validation.md.
 */
import type {
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Extension,
} from '@hocuspocus/server'
import type { ConnectionContext } from '../context.ts'
import type { Logger } from '../logger.ts'
import { CloseCodes, ConnectionRefused } from '../refusals.ts'
import { updateInFrame } from '../websocket/FrameGuard.ts'
import { type CanvasWrites, isCanvasDocument } from './CanvasWrites.ts'

/** WebSocket close reasons are limited to 123 bytes; the first problem fits in this. */
const MAX_REASON = 120

export class CanvasGuard implements Extension {
  extensionName = 'CanvasGuard'
  private readonly logger: Logger
  private readonly writes: CanvasWrites

  constructor(logger: Logger, writes: CanvasWrites) {
    this.logger = logger
    this.writes = writes
  }

  async beforeHandleMessage({
    update,
    document,
    documentName,
    context,
    socketId,
  }: beforeHandleMessagePayload) {
    if (!isCanvasDocument(documentName)) return
    const yUpdate = updateInFrame(update)
    if (!yUpdate) return
    const problem = await this.writes.problemIn(documentName, document, yUpdate)
    if (!problem) return
    this.logger.warn({ documentName, socketId, problem }, 'invalid canvas write refused')
    const reason = problem.slice(0, MAX_REASON)
    const { invalidContent } = CloseCodes
    ;(context as ConnectionContext).transport?.close(invalidContent, reason)
    throw new ConnectionRefused(invalidContent, reason)
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload) {
    this.writes.forget(documentName)
  }
}
