/**
 * Reports document connections for presence and the session record: on connect a session opens
 * (Redis presence hash + "open" row), on disconnect it closes; refused attempts are recorded by
 * AccessControl through `recordRefusal`. Records go through an ordered retrying queue, so a
 * Postgres outage delays them and loses none while this process lives. An open session is held
 * once, as its presence record (in LocalPresence, shared with the Redis publisher): the session
 * record is made from it again when the session closes, not kept beside it (scenario 4: 10,000
 * idle sockets on one node held a second record and a Date each).
 */
import { randomBytes } from 'node:crypto'
import type { connectedPayload, Extension, onDisconnectPayload } from '@hocuspocus/server'
import type { RetryingQueue, SessionEvent, SessionInfo } from '@weft/db'
import type { LocalPresence, NodePresencePublisher, PresenceSession } from '@weft/presence'
import type { ConnectionContext } from '../context.ts'

/** Who a session belongs to when its connection has no user (its session row has no name). */
const ANONYMOUS = 'anonymous'

export interface PresenceReporterOptions {
  nodeId: string
  bootId: string
  records: RetryingQueue<SessionEvent>
  /** Fleet presence through Redis, when configured. */
  publisher?: NodePresencePublisher
  /** This node's own presence (embedded mode serves /api/presence from it). */
  local: LocalPresence
}

export class PresenceReporter implements Extension {
  extensionName = 'PresenceReporter'
  private readonly options: PresenceReporterOptions
  private refusals = 0

  constructor(options: PresenceReporterOptions) {
    this.options = options
  }

  async connected({ socketId, documentName, context }: connectedPayload) {
    const user = (context as ConnectionContext).user
    const session: SessionInfo = {
      id: `${socketId}:${documentName}`,
      documentName,
      userId: user?.id ?? ANONYMOUS,
      userName: user?.name ?? null,
      nodeId: this.options.nodeId,
      bootId: this.options.bootId,
      openedAt: new Date(),
    }
    const presence: PresenceSession = {
      ...session,
      userName: session.userName ?? session.userId,
      openedAt: session.openedAt.toISOString(),
    }
    this.options.local.join(presence)
    this.options.publisher?.join(presence)
    this.options.records.push({ kind: 'open', session })
  }

  async onDisconnect({ socketId, documentName }: onDisconnectPayload) {
    const id = `${socketId}:${documentName}`
    const presence = this.options.local.get(id)
    if (!presence) return
    this.options.local.leave(id)
    this.options.publisher?.leave(id)
    this.options.records.push({ kind: 'closed', session: sessionOf(presence), at: new Date() })
  }

  recordRefusal(refusal: {
    documentName: string
    userId: string | null
    code: number
    reason: string
  }) {
    this.refusals += 1
    this.options.records.push({
      kind: 'refused',
      eventKey: `${this.options.nodeId}:${this.options.bootId}:${this.refusals}:${randomBytes(3).toString('hex')}`,
      nodeId: this.options.nodeId,
      at: new Date(),
      ...refusal,
    })
  }
}

/** The session record of a presence record (the inverse of `connected`'s). */
function sessionOf(presence: PresenceSession): SessionInfo {
  const { id, documentName, userId, userName, nodeId, bootId, openedAt } = presence
  return {
    id,
    documentName,
    userId,
    // `connected` names a session without a user after its id; its row keeps no name.
    userName: userId === ANONYMOUS && userName === ANONYMOUS ? null : userName,
    nodeId,
    bootId,
    openedAt: new Date(openedAt),
  }
}
