/**
 * Awareness renewals taken off Hocuspocus's per-message path and relayed in batches, when peers
 * need them (docs/decisions/0165, 0190).
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
 * AwarenessGuard stamps it, the same state as held. A renewal only moves the id's last-seen time
 * here (so the node keeps the id); its clock waits, and reaches peers only when they need it:
 * 15 s + `relayMs` after they last heard the id (decision 0190), with every other renewal of that
 * document pending by then, in one message (broadcast to the document's sockets and published
 * through Redis to the other nodes). At 10 clients a document that is ≈ 2.4 messages per
 * document per 30 s instead of ≈ 6 (0.6× the node's writes, docs/benchmarks.md). Until then the
 * awareness keeps the clock peers hold, so a peer joining meanwhile gets that clock and takes the
 * relayed one as new. Anything else — a new id, a changed state, a removal, another connection's
 * id, a document still loading — takes the full path, at once. A peer therefore hears each idle
 * client at most every 15 s + `relayMs`, inside its 30 s; AWARENESS_RELAY_MS is bounded so
 * (packages/config).
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
  /**
   * AWARENESS_RELAY_MS: how long beyond the 15 s renewal period peers may go without hearing an
   * idle client; 0 relays each renewal at once (full path).
   */
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

/** A document's renewals not yet relayed. */
interface Pending {
  /** Renewed id → the newest clock it renewed with (not yet in the document's awareness). */
  clocks: Map<number, number>
  /** When the first of them must reach peers: the earliest deadline among `clocks`' ids. */
  due: number
}

/** The origin of a relay: neither a connection's (no ownership to record) nor Redis's (published on). */
const RELAY_ORIGIN: LocalTransactionOrigin = { source: 'local' }

/** y-protocols renews an unchanged local state once it is this old (half its 30 s timeout). */
export const RENEWAL_PERIOD_MS = 15_000

/**
 * Documents due within this much of a relay go with it: the node wakes at most about once per
 * this, whatever the number of documents (each relay is early by at most this).
 */
const WAKE_GRANULE_MS = 1_000

export class AwarenessRenewals {
  private readonly options: AwarenessRenewalsOptions
  /** Renewals per document, until that document's relay. */
  private readonly pending = new Map<Document, Pending>()
  /**
   * When peers last got each id's held clock from a relay of ours (per document). An id not here
   * was last sent by the full path, at its awareness `lastUpdated` (see `heardAt`).
   */
  private readonly relayedAt = new WeakMap<Document, Map<number, number>>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Number.POSITIVE_INFINITY

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
    const pending = this.pending.get(document)
    for (const entry of parsed.entries) {
      if (!owned.has(entry.clientId)) return false
      const held = awareness.getStates().get(entry.clientId)
      const clock = awareness.meta.get(entry.clientId)?.clock
      if (held === undefined || clock === undefined) return false
      if (entry.clock <= Math.max(clock, pending?.clocks.get(entry.clientId) ?? 0)) return false
      if (entry.state === null || typeof entry.state !== 'object') return false
      const state = entry.state as Record<string, unknown>
      this.options.stamp(state, user)
      if (!equalityDeep(state, held)) return false
    }
    const now = Date.now()
    const renewed = pending ?? { clocks: new Map<number, number>(), due: Number.POSITIVE_INFINITY }
    if (!pending) this.pending.set(document, renewed)
    for (const entry of parsed.entries) {
      const meta = awareness.meta.get(entry.clientId) as { clock: number; lastUpdated: number }
      if (!renewed.clocks.has(entry.clientId)) {
        // Peers must hear this id again before they drop it (30 s after they last did); what
        // they hold is the clock they last got, so the relay may wait until then.
        const due = this.heardAt(document, entry.clientId, meta.lastUpdated) + this.holdMs()
        renewed.due = Math.min(renewed.due, due)
      }
      renewed.clocks.set(entry.clientId, entry.clock)
      // The node's own awareness keeps the id (its 30 s check reads lastUpdated); the clock moves
      // only when relayed, so a peer joining meanwhile gets the clock every other peer holds.
      awareness.meta.set(entry.clientId, { clock: meta.clock, lastUpdated: now })
      this.options.onRenewal?.()
    }
    this.schedule(renewed.due)
    return true
  }

  /** Relays every pending renewal now. */
  relay(): void {
    this.relayDue(Number.POSITIVE_INFINITY)
  }

  /**
   * How long after peers last heard an id its renewal may wait: y-protocols' renewal period plus
   * AWARENESS_RELAY_MS (≤ 10 s, so inside the 30 s after which peers drop a state).
   */
  private holdMs(): number {
    return RENEWAL_PERIOD_MS + this.options.relayMs
  }

  /** When peers last got `clientId`'s held clock (conservative: never later than they did). */
  private heardAt(document: Document, clientId: number, lastUpdated: number): number {
    // Not relayed by us (or relayed before a full-path update): the full path sent it when it was
    // applied, which is the held lastUpdated, since only a pending renewal moves it otherwise.
    return this.relayedAt.get(document)?.get(clientId) ?? lastUpdated
  }

  private schedule(due: number): void {
    if (due >= this.timerAt) return
    clearTimeout(this.timer)
    this.timerAt = due
    this.timer = setTimeout(() => this.wake(), Math.max(0, due - Date.now()))
    this.timer.unref()
  }

  private wake(): void {
    this.timer = undefined
    this.timerAt = Number.POSITIVE_INFINITY
    this.relayDue(Date.now() + WAKE_GRANULE_MS)
    let next = Number.POSITIVE_INFINITY
    for (const pending of this.pending.values()) next = Math.min(next, pending.due)
    if (next !== Number.POSITIVE_INFINITY) this.schedule(next)
  }

  /** Relays the documents whose first renewal is due by `by`, each in one message. */
  private relayDue(by: number): void {
    const now = Date.now()
    for (const [document, pending] of this.pending) {
      if (pending.due > by) continue
      this.pending.delete(document)
      if (document.isDestroyed) continue
      const { awareness } = document
      const states = awareness.getStates()
      let relayed = this.relayedAt.get(document)
      if (!relayed) {
        relayed = new Map()
        this.relayedAt.set(document, relayed)
      }
      // Ids gone from the document (closed, timed out) need no record any more.
      for (const id of relayed.keys()) if (!states.has(id)) relayed.delete(id)
      const updated: number[] = []
      for (const [id, clock] of pending.clocks) {
        const meta = awareness.meta.get(id)
        // Gone, or a newer state came through the full path meanwhile (already sent).
        if (!states.has(id) || !meta || meta.clock >= clock) continue
        awareness.meta.set(id, { clock, lastUpdated: meta.lastUpdated })
        relayed.set(id, now)
        updated.push(id)
      }
      if (updated.length === 0) continue
      // What applying the renewals would have emitted: Hocuspocus broadcasts the ids' current
      // states and clocks to the document's sockets, and RedisFanout publishes them.
      awareness.emit('update', [{ added: [], updated, removed: [] }, RELAY_ORIGIN])
    }
  }
}

/** The connection of `socket` on `document` that holds `clientId` (a socket may carry sessions). */
function connectionOf(document: Document, socket: WebSocketLike, clientId: number) {
  // Runs for every renewal (667 a second at 10,000 idle sockets): the keys, and the entry only
  // for this socket's connections, so that no [key, value] array is made per connection.
  for (const connection of document.connections.keys()) {
    if (connection.webSocket !== socket) continue
    if (document.connections.get(connection)?.clients.has(clientId)) return connection
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
