/**
 * What every part of a node shares, built once: the logger, the metrics registry, readiness, the
 * database handle and the Redis connection set. createNode hands these to the extensions; no
 * extension opens a connection of its own.
 */
import { randomBytes } from 'node:crypto'
import type { ServerConfig } from '@weft/config'
import { applyMigrations, type Database, openDatabase } from '@weft/db'
import { createLogger, type Logger } from './logger.ts'
import { Metrics } from './metrics/Metrics.ts'
import { watchMigrations } from './persistence/watchMigrations.ts'
import { Readiness } from './Readiness.ts'
import { openRedisConnections, type RedisConnections } from './redisConnections.ts'

export interface NodeServices {
  config: ServerConfig
  logger: Logger
  metrics: Metrics
  readiness: Readiness
  database: Database
  /**
   * Whether the database answered, from whoever last asked it (a load, a log batch, the
   * migration check): the one place database readiness is set.
   */
  databaseStatus(up: boolean): void
  /** Absent without Redis (a single node). */
  redis?: RedisConnections
  /** Names this process's keys (update log, journal, sessions), apart from an earlier boot's. */
  bootId: string
}

export async function createServices(
  config: ServerConfig,
  options: { logger?: Logger } = {},
): Promise<NodeServices> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, nodeId: config.nodeId })
  const metrics = new Metrics()
  const readiness = new Readiness({ redisRequired: Boolean(config.redis), metrics })
  const databaseStatus = (up: boolean) => readiness.setDatabaseUp(up)

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolMax,
    onPoolError: (error) =>
      logger.child({ module: 'db' }).warn({ err: error }, 'idle database connection failed'),
  })
  if (database.kind === 'embedded') {
    const applied = await applyMigrations(database.sql)
    if (applied.length > 0) logger.info({ applied }, 'embedded database migrated')
    readiness.setMigrationsApplied(true)
  } else {
    watchMigrations({ database, readiness, databaseStatus, logger })
  }

  return {
    config,
    logger,
    metrics,
    readiness,
    database,
    databaseStatus,
    ...(config.redis
      ? { redis: openRedisConnections(config.redis, logger.child({ module: 'redis' })) }
      : {}),
    bootId: randomBytes(6).toString('base64url'),
  }
}
