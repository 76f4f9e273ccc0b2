/**
 * What /readyz answers. Ready means: this process takes new sockets (listening, migrations
 * applied, not shutting down) and, when Redis is configured, its fan-out link is up — a node cut
 * off from Redis would give new clients a view that other nodes' edits no longer reach.
 * A database outage does not make a node unready: loaded documents keep working and the update
 * log queues until the database returns (see docs/architecture.md).
 */
import type { Metrics } from './Metrics.ts'

export interface ReadinessReport {
  ready: boolean
  reasons: string[]
  degraded: string[]
}

export class Readiness {
  private listening = false
  private migrationsApplied = false
  private shuttingDown = false
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
  }

  report(): ReadinessReport {
    const reasons: string[] = []
    if (this.shuttingDown) reasons.push('shutting down')
    if (!this.listening) reasons.push('not listening yet')
    if (!this.migrationsApplied) reasons.push('database migrations not applied')
    if (this.redisRequired && !this.redisUp) reasons.push('redis unavailable')
    const degraded = this.databaseUp ? [] : ['database unavailable: updates are queued in memory']
    return { ready: reasons.length === 0, reasons, degraded }
  }

  private update() {
    this.metrics.ready.set(this.report().ready ? 1 : 0)
  }
}
