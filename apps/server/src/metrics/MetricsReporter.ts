/**
 * Counts the updates that flow through the node's documents for /metrics, all in one place:
 * received (from this node's clients or a server-side edit), fanned in (applied from another
 * node through Redis), broadcast (one per receiving connection) and persisted (log rows written).
 */
import type { Extension, onChangePayload } from '@hocuspocus/server'
import { isFromConnection, isFromRedis } from '../transactionOrigins.ts'
import type { Metrics } from './Metrics.ts'

export class MetricsReporter implements Extension {
  extensionName = 'MetricsReporter'
  private readonly metrics: Metrics

  constructor(metrics: Metrics) {
    this.metrics = metrics
  }

  async onChange({ document, transactionOrigin }: onChangePayload) {
    if (isFromRedis(transactionOrigin)) this.metrics.updatesFromRedis.inc()
    else this.metrics.updatesReceived.inc()
    // Every connection of the document receives the update except the one that sent it.
    const receivers = document.getConnectionsCount() - (isFromConnection(transactionOrigin) ? 1 : 0)
    if (receivers > 0) this.metrics.updatesBroadcast.inc(receivers)
  }

  /** Update-log rows a batch wrote. */
  persisted(rows: number): void {
    this.metrics.updatesPersisted.inc(rows)
  }
}
