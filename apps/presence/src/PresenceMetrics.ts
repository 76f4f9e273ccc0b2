import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client'

/** The presence service's /metrics; readiness and dependency gauges match the nodes' names. */
export class PresenceMetrics {
  readonly registry = new Registry()
  readonly sessions = new Gauge({
    name: 'weft_presence_sessions',
    help: 'Document connections online across the fleet',
    registers: [this.registry],
  })
  readonly users = new Gauge({
    name: 'weft_presence_users',
    help: 'Distinct users online across the fleet',
    registers: [this.registry],
  })
  readonly streams = new Gauge({
    name: 'weft_presence_streams',
    help: 'Open Server-Sent Event streams',
    registers: [this.registry],
  })
  readonly expiredBoots = new Counter({
    name: 'weft_presence_expired_nodes_total',
    help: 'Node boots whose users expired because they stopped heartbeating',
    registers: [this.registry],
  })
  readonly recordsQueued = new Gauge({
    name: 'weft_presence_records_queue',
    help: 'Session records waiting for the database',
    registers: [this.registry],
  })
  readonly ready = new Gauge({
    name: 'weft_ready',
    help: '1 when /readyz answers 200',
    registers: [this.registry],
  })
  readonly redisUp = new Gauge({
    name: 'weft_redis_up',
    help: '1 when Redis answered the last refresh',
    registers: [this.registry],
  })
  readonly databaseUp = new Gauge({
    name: 'weft_database_up',
    help: '1 when the last database write succeeded',
    registers: [this.registry],
  })

  constructor() {
    collectDefaultMetrics({ register: this.registry })
    this.databaseUp.set(1)
  }
}
