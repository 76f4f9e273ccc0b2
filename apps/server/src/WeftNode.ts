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
import type { Journal } from './persistence/journal/Journal.ts'
import type { JournalRecovery } from './persistence/journal/JournalRecovery.ts'
import type { UpdateLogWriter } from './persistence/UpdateLogWriter.ts'
import type { NodePresence } from './presence/createPresence.ts'
import type { Readiness } from './Readiness.ts'

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
  writer: UpdateLogWriter
  presence: NodePresence
  /** This node's Redis journal and the replay of dead nodes' journals (fleets with Redis). */
  journal?: Journal
  recovery?: JournalRecovery
  /** Listens on PORT (and MANAGEMENT_PORT when set); resolves with the public port. */
  listen(): Promise<number>
  /** Graceful stop: unready, refuse new sockets, flush, close sockets. Resolves when done. */
  shutdown(): Promise<void>
}
