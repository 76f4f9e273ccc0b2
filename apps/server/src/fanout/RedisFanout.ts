/**
 * Cross-node fan-out on @hocuspocus/extension-redis, changed where its design is slow.
 *
 * The stock extension answers every change with a state-vector exchange: the changing node
 * publishes a SyncStep1, every peer replies with `encodeStateAsUpdate(doc, sv)` — the missing
 * structs plus the document's entire delete set — and the exchange runs again the other way.
 * That costs O(document) per keystroke, so a long trace slows down as the document grows, and a
 * freshly started fleet pays it while its peers are still loading (see docs/benchmarks.md).
 *
 * Here the changing node publishes the update itself (coalesced per event-loop turn), which
 * peers apply as is: O(change) per keystroke. The state-vector exchange is kept for what it is
 * good at, repairing divergence: when a document loads, when Redis comes back after an outage,
 * and when a peer notices a gap (updates it cannot integrate because one went missing).
 * Redis outages never fail a document load or a client edit: the node keeps serving its own
 * clients, and readiness reports the broken link.
 *
 * Each override of the stock extension has a decision record with its figure: onChange (0060),
 * the store lock turned off (0061), the Cluster subscriber count and the outage wrappers (0062).
 * Its internals are reached only through libraryInternals/extensionRedis.ts.
 */
import { randomBytes } from 'node:crypto'
import { Redis } from '@hocuspocus/extension-redis'
import type {
  afterLoadDocumentPayload,
  Document,
  onAwarenessUpdatePayload,
  onChangePayload,
} from '@hocuspocus/server'
import { MessageType, OutgoingMessage } from '@hocuspocus/server'
import { subscriberCount } from '@weft/redis'
import {
  createEncoder,
  toUint8Array,
  writeVarString,
  writeVarUint,
  writeVarUint8Array,
} from 'lib0/encoding'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import {
  channelOf,
  documentOfChannel,
  encodeForPeers,
  onEveryIncoming,
  replaceSubscriberCount,
} from '../libraryInternals/extensionRedis.ts'
import { hasUnintegrable } from '../libraryInternals/yjs.ts'
import type { Logger } from '../logger.ts'
import type { ContentProvenance } from '../persistence/ContentProvenance.ts'
import type { RedisConnections } from '../redisConnections.ts'
import { isFromRedis } from '../transactionOrigins.ts'
import { isJournaledUpdate, JOURNALED_MARK, unjournaledFrame } from './journaledFrames.ts'

export interface RedisFanoutOptions {
  /** The node's publisher and subscriber (a server, a Sentinel master or a cluster: 0020). */
  connections: Pick<RedisConnections, 'publisher' | 'subscriber'>
  nodeId: string
  logger: Logger
  onStatus: (up: boolean) => void
  /** Channel prefix; fleets sharing one Redis must use different prefixes. */
  prefix?: string
  /**
   * Resolves once this turn's updates are in the node's Redis journal; a turn is published only
   * after it, so no peer ever holds an update that exists nowhere durable (see Journal).
   */
  beforePublish?: () => Promise<boolean>
  /** Told about every incoming frame around its apply, whether its publisher journaled it (0202). */
  provenance?: ContentProvenance
}

/** Updates merged into one published message at most (see flushOutgoing). */
const MAX_UPDATES_PER_MESSAGE = 64

/** How long a peer waits before treating un-integrable updates as a gap to repair. */
const GAP_REPAIR_DELAY_MS = 200

/**
 * After the link returns, the state-vector exchange runs again this much later: two nodes that
 * reconnect at the same moment (a Sentinel failover drops every client at once) may each publish
 * their request before the other has resubscribed, and both would miss it.
 */
const RESYNC_AGAIN_MS = 1_000

export class RedisFanout extends Redis {
  extensionName = 'RedisFanout'
  private readonly options: RedisFanoutOptions
  private readonly outgoing = new Map<string, { document: Document; updates: Uint8Array[] }>()
  private readonly gapChecks = new Set<string>()
  private resyncTimer: NodeJS.Timeout | undefined
  // True until the first connection, so documents loaded before it are subscribed then.
  private wasDisconnected = true

  constructor(options: RedisFanoutOptions) {
    // The stock extension calls createClient twice: its publishing, then its subscribing connection.
    const given = [options.connections.publisher, options.connections.subscriber]
    super({
      // The mark says "my updates are journaled before I publish them" (journaledFrames.ts).
      identifier: `${options.nodeId}-${randomBytes(4).toString('hex')}${JOURNALED_MARK}`,
      prefix: options.prefix ?? 'weft',
      disconnectDelay: 500,
      awaitInitialSyncTimeout: 1_000,
      createClient: () => given.shift() ?? options.connections.publisher,
    })
    this.options = options
    const { publisher, subscriber } = options.connections
    // The stock count asks one server; on a cluster that is one node's subscribers only, so a
    // loading node would not wait for a peer that holds the document on another node.
    replaceSubscriberCount(this, async (channel) => {
      try {
        return (await subscriberCount(publisher, channel)) > 1
      } catch {
        return true // the wait is bounded by awaitInitialSyncTimeout
      }
    })
    for (const client of [publisher, subscriber]) {
      client.on('ready', () => this.onLinkChange())
      client.on('close', () => this.onLinkChange())
      client.on('end', () => this.onLinkChange())
    }
    const { provenance } = options
    onEveryIncoming(
      this,
      (channel) => {
        provenance?.frameDone()
        this.afterIncoming(channel)
      },
      provenance ? (frame) => provenance.frameArriving(isJournaledUpdate(frame)) : undefined,
    )
    // A cluster connection stays "ready" when one of its nodes leaves; if that node held the
    // subscriptions, ioredis moves them to another node and what was published in between is
    // lost. A node leaving (only a Cluster emits this) is answered like a link that returned.
    for (const client of [publisher, subscriber]) client.on('-node', () => this.scheduleResync())
  }

  get linkUp(): boolean {
    const { publisher, subscriber } = this.options.connections
    return publisher.status === 'ready' && subscriber.status === 'ready'
  }

  /** Loads never fail because of Redis: without a link the document is synced when it returns. */
  override async afterLoadDocument(payload: afterLoadDocumentPayload) {
    if (!this.linkUp) return
    try {
      await super.afterLoadDocument(payload)
    } catch (error) {
      this.options.logger.warn(
        { err: error, documentName: payload.documentName },
        'redis sync on load failed',
      )
    }
  }

  /** Publishes the update itself, merged with the others of this event-loop turn. */
  override async onChange({ transactionOrigin, documentName, document, update }: onChangePayload) {
    if (isFromRedis(transactionOrigin)) return
    const pending = this.outgoing.get(documentName)
    if (pending && pending.document === document) {
      pending.updates.push(update)
      return
    }
    this.outgoing.set(documentName, { document, updates: [update] })
    setImmediate(() => void this.flushOutgoing(documentName))
  }

  private async flushOutgoing(documentName: string) {
    const pending = this.outgoing.get(documentName)
    this.outgoing.delete(documentName)
    if (!pending || !this.linkUp) return
    // A failed journal append is counted and logged by the journal; the updates are still in
    // the writer's memory and the sender's client, and peers must not fall behind because of it.
    // Peers are told which: an unjournaled update may exist only in this node's memory, so a
    // peer unloading the document compares it with the store first (decision 0202).
    const journaled = this.options.beforePublish ? await this.options.beforePublish() : false
    // Y.mergeUpdates is O(k²) in the number of updates: merge in bounded slices.
    for (let start = 0; start < pending.updates.length; start += MAX_UPDATES_PER_MESSAGE) {
      const slice = pending.updates.slice(start, start + MAX_UPDATES_PER_MESSAGE)
      const update = slice.length === 1 ? (slice[0] as Uint8Array) : Y.mergeUpdates(slice)
      const message = new OutgoingMessage(documentName).createSyncMessage().writeUpdate(update)
      this.publish(documentName, message.toUint8Array(), journaled)
    }
  }

  override async onAwarenessUpdate(payload: onAwarenessUpdatePayload) {
    if (!this.linkUp) return
    const { documentName, awareness } = payload
    // The node's own entry (its document's Awareness), removed when the document unloads, is
    // nobody's: never published.
    const removed = payload.removed.filter((clientId) => clientId !== awareness.clientID)
    if (removed.length > 0) {
      // Removals were lost between nodes twice over: the stock extension publishes only while
      // the document still has connections (not when its last client here leaves), and a peer
      // re-encodes incoming awareness through a fresh Awareness, where a removal (a null state)
      // vanishes. So a leaving client's cursor, selection and live drag (decision 0155) stayed
      // on other nodes' screens until their 30 s timeout. Published here at once, as an emptied
      // state one clock tick newer (y-protocols does not tick a removed remote client's clock),
      // which survives that re-encoding; without `user` no app lists it, and the peers' own
      // timeout removes the entry later.
      const message = new OutgoingMessage(documentName)
      writeVarUint(message.encoder, MessageType.Awareness)
      writeVarUint8Array(message.encoder, emptiedStates(awareness, removed))
      this.publish(documentName, message.toUint8Array())
    }
    if (payload.added.length === 0 && payload.updated.length === 0) return
    try {
      await super.onAwarenessUpdate({ ...payload, removed: [] })
    } catch (error) {
      this.options.logger.debug({ err: error }, 'awareness publish failed')
    }
  }

  /** The stock lock only guards the stock "store the whole state" pattern; the update log needs none (0061). */
  override async onStoreDocument() {}

  override async afterStoreDocument() {}

  /** Every frame but an update whose journal append failed carries this node's marked identifier. */
  private publish(documentName: string, message: Uint8Array, journaled = true) {
    const frame = journaled
      ? encodeForPeers(this, message)
      : unjournaledFrame(this.configuration.identifier, message)
    this.options.connections.publisher
      .publish(channelOf(this, documentName), frame)
      .catch((error: unknown) => {
        // Lost publishes are repaired by the state-vector sync when the link returns.
        this.options.logger.debug({ err: error, documentName }, 'redis publish failed')
      })
  }

  /** Asks peers for whatever this node lacks of a document (and offers what they lack). */
  requestSync(document: Document) {
    if (!this.linkUp) return
    const message = new OutgoingMessage(document.name)
      .createSyncMessage()
      .writeFirstSyncStepFor(document)
    this.publish(document.name, message.toUint8Array())
  }

  private afterIncoming(channel: string) {
    const documentName = documentOfChannel(this, channel)
    if (documentName === null || this.gapChecks.has(documentName)) return
    this.gapChecks.add(documentName)
    setTimeout(() => {
      this.gapChecks.delete(documentName)
      const document = this.instance?.documents.get(documentName)
      if (document && hasUnintegrable(document) && this.linkUp) {
        this.options.logger.info({ documentName }, 'gap in fanned-in updates; requesting sync')
        this.requestSync(document)
      }
    }, GAP_REPAIR_DELAY_MS).unref()
  }

  private onLinkChange() {
    const up = this.linkUp
    this.options.onStatus(up)
    if (!up) {
      this.wasDisconnected = true
      return
    }
    if (!this.wasDisconnected || !this.instance) return
    this.wasDisconnected = false
    // Back from an outage: subscribe documents loaded meanwhile, then reconcile every document.
    for (const document of this.instance.documents.values()) {
      this.options.connections.subscriber
        .subscribe(channelOf(this, document.name))
        .then(() => this.requestSync(document))
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'resubscribe failed'))
    }
    this.scheduleResync()
  }

  /** One state-vector exchange for every loaded document, RESYNC_AGAIN_MS from now. */
  private scheduleResync() {
    if (this.resyncTimer) return
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = undefined
      this.resyncAll()
    }, RESYNC_AGAIN_MS)
    this.resyncTimer.unref()
  }

  private resyncAll() {
    if (!this.linkUp || !this.instance) return
    for (const document of this.instance.documents.values()) this.requestSync(document)
  }
}

/** An awareness update (y-protocols' format) setting each client's state to `{}`, one tick newer. */
function emptiedStates(awareness: Awareness, clients: number[]): Uint8Array {
  const encoder = createEncoder()
  writeVarUint(encoder, clients.length)
  for (const clientId of clients) {
    writeVarUint(encoder, clientId)
    writeVarUint(encoder, (awareness.meta.get(clientId)?.clock ?? 0) + 1)
    writeVarString(encoder, '{}')
  }
  return toUint8Array(encoder)
}
