/**
 * A load that leaves updates it cannot integrate is an alarm, never silent. Those updates depend
 * on one that is in no store the load read; before giving up the node asks everyone who may hold
 * it — every peer (a state-vector sync through Redis) and every connected client (a SyncStep1:
 * a client answers with whatever the node lacks) — and looks again after `graceMs`. Still
 * missing: an error naming the document, the missing client/clock ranges and where it looked,
 * and `weft_unintegrable_loads_total` (alerted on by the chart's PrometheusRule).
 */
import { type Document, OutgoingMessage } from '@hocuspocus/server'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/Metrics.ts'
import { unintegrableOf } from './unintegrable.ts'

export interface LoadSources {
  snapshot: boolean
  logRows: number
  journalEntries: number
  unsavedInMemory: number
}

export interface IntegrityWatchOptions {
  logger: Logger
  metrics: Metrics
  /** Asks the other nodes for what this one lacks of the document (RedisFanout). */
  askPeers?: (document: Document) => void
  graceMs?: number
}

export class IntegrityWatch {
  private readonly options: IntegrityWatchOptions

  constructor(options: IntegrityWatchOptions) {
    this.options = options
  }

  /** Called right after a document loaded. */
  loaded(document: Document, sources: LoadSources): void {
    const first = unintegrableOf(document)
    if (!first) return
    const { logger, metrics } = this.options
    logger.warn(
      { documentName: document.name, ...first, lookedIn: sources },
      'loaded document has updates it cannot integrate; asking peers and clients',
    )
    this.ask(document)
    setTimeout(() => {
      if (document.isDestroyed) return
      const still = unintegrableOf(document)
      if (!still) {
        logger.info(
          { documentName: document.name },
          'missing updates recovered from peers or clients',
        )
        return
      }
      metrics.unintegrableLoads.inc()
      logger.error(
        {
          documentName: document.name,
          ...still,
          lookedIn: { ...sources, peers: true, connectedClients: document.getConnectionsCount() },
        },
        'document has updates that cannot be integrated: an update they depend on is in no store, no peer and no connected client',
      )
    }, this.options.graceMs ?? 5_000).unref()
  }

  private ask(document: Document) {
    this.options.askPeers?.(document)
    // Clients connected later are asked by the protocol itself (the server's SyncStep1 on connect).
    for (const connection of document.getConnections()) {
      const request = new OutgoingMessage(connection.messageAddress)
        .createSyncMessage()
        .writeFirstSyncStepFor(document)
      connection.send(request.toUint8Array())
    }
  }
}
