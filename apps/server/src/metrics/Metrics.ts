/**
 * Every figure the node exports at /metrics. Names are part of the operations contract: the
 * Grafana dashboard and the PrometheusRule in the Helm chart query them.
 */
import type { Hocuspocus } from '@hocuspocus/server'
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'

export class Metrics {
  readonly registry = new Registry()
  /** Gauges read at scrape time, through prom-client's `collect` option. */
  private readonly readers = new Map<Gauge, () => number>()

  readonly connections = new Gauge({
    name: 'weft_connections',
    help: 'Open document connections',
    registers: [this.registry],
    collect: this.readAtScrape(),
  })
  readonly documentsLoaded = new Gauge({
    name: 'weft_documents_loaded',
    help: 'Documents held in memory',
    registers: [this.registry],
    collect: this.readAtScrape(),
  })
  readonly updatesReceived = new Counter({
    name: 'weft_updates_received_total',
    help: 'Document updates received from clients of this node',
    registers: [this.registry],
  })
  readonly updatesBroadcast = new Counter({
    name: 'weft_updates_broadcast_total',
    help: 'Document updates sent to clients (one per receiving connection)',
    registers: [this.registry],
  })
  readonly updatesFromRedis = new Counter({
    name: 'weft_updates_fanned_in_total',
    help: 'Document updates applied from other nodes through Redis',
    registers: [this.registry],
  })
  readonly updatesPersisted = new Counter({
    name: 'weft_updates_persisted_total',
    help: 'Update-log rows written to the database',
    registers: [this.registry],
  })
  readonly persistenceQueue = new Gauge({
    name: 'weft_persistence_queue_updates',
    help: 'Updates received but not yet written to the database',
    registers: [this.registry],
  })
  readonly persistenceLag = new Gauge({
    name: 'weft_persistence_lag_seconds',
    help: 'Age of the oldest update not yet written to the database',
    registers: [this.registry],
  })
  readonly persistenceFailures = new Counter({
    name: 'weft_persistence_failures_total',
    help: 'Failed update-log batch writes (retried)',
    registers: [this.registry],
  })
  readonly journalAppended = new Counter({
    name: 'weft_journal_appended_total',
    help: 'Client updates appended to this node’s Redis journal',
    registers: [this.registry],
  })
  readonly journalAppendFailures = new Counter({
    name: 'weft_journal_append_failures_total',
    help: 'Client updates that could not be appended to the Redis journal (held in memory only)',
    registers: [this.registry],
  })
  readonly journalReplayed = new Counter({
    name: 'weft_journal_replayed_total',
    help: 'Updates a dead node had journaled but not committed, written to the log by this node',
    registers: [this.registry],
  })
  readonly unsavedLimitReached = new Gauge({
    name: 'weft_unsaved_limit_reached',
    help: '1 while this node holds its limit of unsaved updates and refuses new edits',
    registers: [this.registry],
    collect: this.readAtScrape(),
  })
  readonly editsRefused = new Counter({
    name: 'weft_edits_refused_total',
    help: 'Client edits refused because this node holds its limit of unsaved updates',
    registers: [this.registry],
  })
  readonly unintegrableLoads = new Counter({
    name: 'weft_unintegrable_loads_total',
    help: 'Document loads left with updates that cannot be integrated (a missing dependency)',
    registers: [this.registry],
  })
  readonly unloadRepairs = new Counter({
    name: 'weft_unload_repairs_total',
    help: 'Unloading documents whose memory held content the stored state lacked (written as a row)',
    registers: [this.registry],
  })
  readonly unloadChecks = new Counter({
    name: 'weft_unload_checks_total',
    help: 'Unloading documents by check: skipped (all they received is stored or journaled), written (what was not, written as a row), compared (with the stored state)',
    labelNames: ['check'],
    registers: [this.registry],
  })
  readonly snapshotsWritten = new Counter({
    name: 'weft_snapshots_written_total',
    help: 'Snapshots written by compaction',
    registers: [this.registry],
  })
  readonly redisUp = new Gauge({
    name: 'weft_redis_up',
    help: '1 when the Redis link is ready (1 too when no Redis is configured)',
    registers: [this.registry],
  })
  readonly databaseUp = new Gauge({
    name: 'weft_database_up',
    help: '1 when the last database call succeeded',
    registers: [this.registry],
  })
  readonly ready = new Gauge({
    name: 'weft_ready',
    help: '1 when /readyz answers 200',
    registers: [this.registry],
  })
  readonly awarenessDropped = new Counter({
    name: 'weft_awareness_dropped_total',
    help: 'Awareness states a connection published for a client id it did not introduce (dropped)',
    registers: [this.registry],
  })
  readonly awarenessRenewals = new Counter({
    name: 'weft_awareness_renewals_batched_total',
    help: 'Unchanged awareness renewals answered without the per-message path and relayed in batches (AWARENESS_RELAY_MS)',
    registers: [this.registry],
  })
  readonly degraded = new Gauge({
    name: 'weft_degraded',
    help: '1 while the node serves degraded because a shared dependency is down (reason: redis, database); it stays ready',
    labelNames: ['reason'],
    registers: [this.registry],
  })
  readonly refusedConnections = new Counter({
    name: 'weft_refused_connections_total',
    help: 'Connection attempts refused, by reason',
    labelNames: ['reason'],
    registers: [this.registry],
  })

  /** Connection and document gauges are read from Hocuspocus at scrape time. */
  observe(hocuspocus: Hocuspocus): void {
    this.read(this.connections, () => hocuspocus.getConnectionsCount())
    this.read(this.documentsLoaded, () => hocuspocus.getDocumentsCount())
  }

  /** Sets `gauge` from `read` at every scrape (a gauge created with `collect: readAtScrape()`). */
  read(gauge: Gauge, read: () => number): void {
    this.readers.set(gauge, read)
  }

  private readAtScrape() {
    const readers = this.readers
    return function collect(this: Gauge) {
      const read = readers.get(this)
      if (read) this.set(read())
    }
  }

  constructor() {
    // Includes nodejs_eventloop_lag_* (event-loop lag) and process memory/CPU.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 })
  }
}
