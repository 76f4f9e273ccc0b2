/** Counts what flows through the node's documents for /metrics. */
import type { Extension, onChangePayload } from '@hocuspocus/server'
import { isTransactionOrigin } from '@hocuspocus/server'
import type { Metrics } from './Metrics.ts'

export class MetricsReporter implements Extension {
  extensionName = 'MetricsReporter'
  private readonly metrics: Metrics

  constructor(metrics: Metrics) {
    this.metrics = metrics
  }

  async onChange({ document, transactionOrigin }: onChangePayload) {
    const fromConnection =
      isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'connection'
    // Every connection of the document receives the update except the one that sent it.
    const receivers = document.getConnectionsCount() - (fromConnection ? 1 : 0)
    if (receivers > 0) this.metrics.updatesBroadcast.inc(receivers)
  }
}
