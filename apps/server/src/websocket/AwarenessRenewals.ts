/**
 * Awareness renewals taken off Hocuspocus's per-message path and relayed in batches
 * (docs/decisions/0165).
 *
 * An idle provider re-sends its unchanged awareness state every 15–18 s (y-protocols renews a
 * local state after half its 30 s `outdatedTimeout`), so that peers, which drop a state not heard
 * of for 30 s, keep showing it. Through Hocuspocus each renewal builds a scratch Y.Doc and
 * Awareness, runs two hook chains, is broadcast at once to every socket of the document and
 * published to Redis: with 10,000 idle sockets (10 per document) that is 667 renewals and 6,700
 * frames out a second, 27–57 % of a core for a node doing nothing (docs/benchmarks.md, scenario 4).
 *
 * A frame is a renewal when it is an awareness update whose every entry is a client id the
 * socket's connection already holds on that loaded document, with a newer clock and, stamped as
 * AwarenessGuard stamps it, the same state as held. A renewal only moves the id's clock and
 * last-seen time here; the renewed ids are sent to the document's sockets (and through Redis to
 * the other nodes) once per `relayMs`, all of a document's in one message. Anything else — a new
 * id, a changed state, a removal, another connection's id, a document still loading — takes the
 * full path, at once. A peer therefore hears each client at most every 18 s + `relayMs`, inside
 * its 30 s; AWARENESS_RELAY_MS is bounded so (packages/config).
 */
import type {
  Document,
  Hocuspocus,
  LocalTransactionOrigin,
  WebSocketLike,
} from '@hocuspocus/server'
import { MessageType } from '@hocuspocus/server'
import * as decoding from 'lib0/decoding'
import { equalityDeep } from 'lib0/function'
import type { ConnectionContext, ConnectionUser } from '../context.ts'

export interface AwarenessRenewalsOptions {
  hocuspocus: Hocuspocus
  /** AWARENESS_RELAY_MS: the longest a renewal waits to be relayed; 0 relays each at once (full path). */
  relayMs: number
  /** AwarenessGuard's stamping, so a renewal is compared with the state as it was admitted. */
  stamp: (state: Record<string, unknown>, user: ConnectionUser) => void
  /** Counts each renewal taken this way. */
  onRenewal?: () => void
}

interface Entry {
  clientId: number
  clock: number
  state: unknown
}

/** The origin of a relay: neither a connection's (no ownership to record) nor Redis's (published on). */
const RELAY_ORIGIN: LocalTransactionOrigin = { source: 'local' }

export class AwarenessRenewals {
  private readonly options: AwarenessRenewalsOptions
  /** Renewed ids per document, until the next relay. */
  private pending = new Map<Document, Set<number>>()
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(options: AwarenessRenewalsOptions) {
    this.options = options
  }

  /**
   * Takes care of `frame`, sent by `socket`, when it is a renewal (true); false hands it to
   * Hocuspocus as usual.
   */
  absorb(socket: WebSocketLike, frame: Uint8Array): boolean {
    if (this.options.relayMs === 0) return false
    const parsed = parseAwarenessFrame(frame)
    if (!parsed || parsed.entries.length === 0) return false
    const document = this.options.hocuspocus.documents.get(parsed.documentName)
    if (!document || document.isLoading || document.isDestroyed) return false
    const first = parsed.entries[0] as Entry
    const connection = connectionOf(document, socket, first.clientId)
    const user = (connection?.context as ConnectionContext | undefined)?.user
    if (!connection || !user) return false
    const owned = document.getClients(connection) as Set<number>
    const { awareness } = document
    for (const entry of parsed.entries) {
      if (!owned.has(entry.clientId)) return false
      const held = awareness.getStates().get(entry.clientId)
      const clock = awareness.meta.get(entry.clientId)?.clock
      if (held === undefined || clock === undefined || entry.clock <= clock) return false
      if (entry.state === null || typeof entry.state !== 'object') return false
      const state = entry.state as Record<string, unknown>
      this.options.stamp(state, user)
      if (!equalityDeep(state, held)) return false
    }
    const now = Date.now()
    let renewed = this.pending.get(document)
    if (!renewed) {
      renewed = new Set()
      this.pending.set(document, renewed)
    }
    for (const entry of parsed.entries) {
      awareness.meta.set(entry.clientId, { clock: entry.clock, lastUpdated: now })
      renewed.add(entry.clientId)
      this.options.onRenewal?.()
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.relay(), this.options.relayMs)
      this.timer.unref()
    }
    return true
  }

  /** Relays every pending renewal now. */
  relay(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    const batch = this.pending
    this.pending = new Map()
    for (const [document, ids] of batch) {
      if (document.isDestroyed) continue
      const states = document.awareness.getStates()
      const updated = [...ids].filter((id) => states.has(id))
      if (updated.length === 0) continue
      // What applying the renewals would have emitted: Hocuspocus broadcasts the ids' current
      // states and clocks to the document's sockets, and RedisFanout publishes them.
      document.awareness.emit('update', [{ added: [], updated, removed: [] }, RELAY_ORIGIN])
    }
  }
}

/** The connection of `socket` on `document` that holds `clientId` (a socket may carry sessions). */
function connectionOf(document: Document, socket: WebSocketLike, clientId: number) {
  for (const [connection, entry] of document.connections) {
    if (connection.webSocket === socket && entry.clients.has(clientId)) return connection
  }
  return undefined
}

/** A Hocuspocus awareness frame's document and entries, or null for any other or broken frame. */
function parseAwarenessFrame(frame: Uint8Array): { documentName: string; entries: Entry[] } | null {
  try {
    const decoder = decoding.createDecoder(frame)
    const address = decoding.readVarString(decoder)
    if (decoding.readVarUint(decoder) !== MessageType.Awareness) return null
    const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
    const entries: Entry[] = []
    const count = decoding.readVarUint(update)
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(update)
      const clock = decoding.readVarUint(update)
      entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(update)) })
    }
    const separator = address.indexOf('\0')
    return { documentName: separator === -1 ? address : address.slice(0, separator), entries }
  } catch {
    return null // the full path answers a broken frame as it always has
  }
}
