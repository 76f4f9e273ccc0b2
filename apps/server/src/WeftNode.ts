/**
 * What createNode returns: the built node and its parts. Its own file so that createNode.ts and
 * shutdownNode.ts, which both need the type, do not import each other.
 */
import type { Server as HttpServer } from 'node:http'
import type { Hocuspocus } from '@hocuspocus/server'
import type { ServerConfig } from '@weft/config'
import type { Database } from '@weft/db'
import type { Logger } from './logger.ts'
import type { Metrics } from './metrics/Metrics.ts'
import type { NodePersistence } from './persistence/NodePersistence.ts'
import type { NodePresence } from './presence/createPresence.ts'
import type { Readiness } from './Readiness.ts'
import type { RedisConnections } from './redisConnections.ts'

export interface WeftNode {
  config: ServerConfig
  logger: Logger
  hocuspocus: Hocuspocus
  httpServer: HttpServer
  /** The MANAGEMENT_PORT listener (probes and metrics), when configured. */
  managementServer?: HttpServer
  readiness: Readiness
  metrics: Metrics
  database: Database
  /** The node's Redis connections (fleets with Redis). */
  redis?: RedisConnections
  /** The update log, its Redis journal and compaction: flushed and stopped by shutdown. */
  persistence: NodePersistence
  presence: NodePresence
  /** Listens on PORT (and MANAGEMENT_PORT when set); resolves with the public port. */
  listen(): Promise<number>
  /** Graceful stop: unready, refuse new sockets, flush, close sockets. Resolves when done. */
  shutdown(): Promise<void>
}
