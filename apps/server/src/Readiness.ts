/**
 * What /readyz answers. Ready means: THIS process can take new sockets — listening, migrations
 * applied (or a newer additive schema, docs/decisions/0050), not shutting down.
 *
 * Shared dependencies never make a node unready: when Redis or Postgres is down it is down for
 * every node at once, and turning every pod unready empties the Service (new sockets and the
 * static apps get 503 fleet-wide) and makes the PodDisruptionBudget block node drains. A node
 * cut off from Redis still serves its own clients and converges by state vector when the link
 * returns; a node cut off from Postgres queues the update log. Both are reported as `degraded`
 * in the JSON, in `weft_degraded{reason}`, and by the PrometheusRule alerts (docs/architecture.md).
 */
import type { Metrics } from './metrics/Metrics.ts'

export interface ReadinessReport {
  ready: boolean
  reasons: string[]
  degraded: string[]
}

/** Degradation reasons, also the `reason` label of weft_degraded. */
export const DEGRADED = {
  redis: 'redis unavailable: edits reach only clients of this node until it returns',
  database: 'database unavailable: updates are queued in memory',
} as const

export class Readiness {
  private listening = false
  private migrationsApplied = false
  private shuttingDown = false
  private schemaProblem: string | undefined
  private redisRequired: boolean
  private redisUp = false
  private databaseUp = true
  private metrics: Metrics

  constructor(options: { redisRequired: boolean; metrics: Metrics }) {
    this.redisRequired = options.redisRequired
    this.metrics = options.metrics
    this.metrics.redisUp.set(options.redisRequired ? 0 : 1)
    this.metrics.databaseUp.set(1)
    this.update()
  }

  setListening(value: boolean) {
    this.listening = value
    this.update()
  }

  setMigrationsApplied(value: boolean) {
    this.migrationsApplied = value
    this.update()
  }

  /** A database schema this image cannot run on (a contract migration it does not know). */
  setSchemaProblem(problem: string | undefined) {
    this.schemaProblem = problem
    this.update()
  }

  setShuttingDown() {
    this.shuttingDown = true
    this.update()
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown
  }

  setRedisUp(value: boolean) {
    this.redisUp = value
    this.metrics.redisUp.set(value || !this.redisRequired ? 1 : 0)
    this.update()
  }

  setDatabaseUp(value: boolean) {
    this.databaseUp = value
    this.metrics.databaseUp.set(value ? 1 : 0)
    this.update()
  }

  report(): ReadinessReport {
    const reasons: string[] = []
    if (this.shuttingDown) reasons.push('shutting down')
    if (!this.listening) reasons.push('not listening yet')
    if (this.schemaProblem) reasons.push(this.schemaProblem)
    else if (!this.migrationsApplied) reasons.push('database migrations not applied')
    const degraded: string[] = []
    if (this.redisRequired && !this.redisUp) degraded.push(DEGRADED.redis)
    if (!this.databaseUp) degraded.push(DEGRADED.database)
    return { ready: reasons.length === 0, reasons, degraded }
  }

  private update() {
    const report = this.report()
    this.metrics.ready.set(report.ready ? 1 : 0)
    for (const [key, reason] of Object.entries(DEGRADED)) {
      this.metrics.degraded.set({ reason: key }, report.degraded.includes(reason) ? 1 : 0)
    }
  }
}
