/**
 * Builds one server node from its validated configuration: database, Hocuspocus with the
 * platform's extensions, HTTP routes and WebSocket endpoints. Starting and stopping are the
 * caller's (main.ts for the process, tests for in-process nodes).
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Extension, Hocuspocus } from '@hocuspocus/server'
import type { ServerConfig } from '@weft/config'
import { applyMigrations, type Database, openDatabase, pendingMigrations } from '@weft/db'
import { createPresenceApi } from '@weft/presence'
import { AccessControl } from './extensions/AccessControl.ts'
import { FrameGuard } from './extensions/FrameGuard.ts'
import { MetricsReporter } from './extensions/MetricsReporter.ts'
import { Persistence } from './extensions/Persistence.ts'
import { PresenceReporter } from './extensions/PresenceReporter.ts'
import { RedisFanout } from './extensions/RedisFanout.ts'
import { TileBoard } from './extensions/TileBoard.ts'
import { createRouter, type PresenceEndpoint } from './http/router.ts'
import { createLogger, type Logger } from './logger.ts'
import { Metrics } from './Metrics.ts'
import { Compactor } from './persistence/Compactor.ts'
import { UpdateLogWriter } from './persistence/UpdateLogWriter.ts'
import { createPresence, type NodePresence } from './presence/createPresence.ts'
import { Readiness } from './Readiness.ts'
import { shutdownNode } from './shutdownNode.ts'
import { LocalPlacementWindow, RedisPlacementWindow } from './tiles/placementLimits.ts'
import type { WeftNode } from './WeftNode.ts'
import { createUpgradeHandler } from './websocket/upgrades.ts'

const REPO_APPS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function createNode(
  config: ServerConfig,
  options: { logger?: Logger; appsDir?: string } = {},
): Promise<WeftNode> {
  const logger = options.logger ?? createLogger({ level: config.logLevel, nodeId: config.nodeId })
  const metrics = new Metrics()
  const readiness = new Readiness({ redisRequired: Boolean(config.redisUrl), metrics })
  const onDatabaseStatus = (up: boolean) => readiness.setDatabaseUp(up)

  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onPoolError: (error) =>
      logger.child({ module: 'db' }).warn({ err: error }, 'idle database connection failed'),
  })
  if (database.kind === 'embedded') {
    const applied = await applyMigrations(database.sql)
    if (applied.length > 0) logger.info({ applied }, 'embedded database migrated')
    readiness.setMigrationsApplied(true)
  } else {
    watchMigrations(database, readiness, logger)
  }

  const compactor = new Compactor({
    prisma: database.prisma,
    nodeId: config.nodeId,
    everyUpdates: config.snapshotEveryUpdates,
    retentionHours: config.logRetentionHours,
    logger: logger.child({ module: 'compactor' }),
    metrics,
  })
  const writer = new UpdateLogWriter({
    sql: database.sql,
    nodeId: config.nodeId,
    metrics,
    logger: logger.child({ module: 'update-log' }),
    onDatabaseStatus,
    onPersisted: (counts) => compactor.recordPersisted(counts),
  })

  const presence = createPresence(config, database.prisma, logger.child({ module: 'presence' }))
  const reporter = new PresenceReporter({ nodeId: config.nodeId, ...presence })
  const extensions: Extension[] = [
    new AccessControl({
      authSecret: config.authSecret,
      logger: logger.child({ module: 'access' }),
      metrics,
      onRefused: (refusal) => reporter.recordRefusal(refusal),
    }),
    reporter,
    new Persistence({
      prisma: database.prisma,
      writer,
      compactor,
      metrics,
      onDatabaseStatus,
      onLoadRefused: (refusal) => reporter.recordRefusal(refusal),
    }),
    new FrameGuard(logger.child({ module: 'frames' })),
    new TileBoard({
      limiter: presence.redis
        ? new RedisPlacementWindow({
            redis: presence.redis,
            perMinute: config.tilePlacementsPerMinute,
            onFallback: (error) =>
              logger.debug({ err: error }, 'tile pacing on this node only: Redis unreachable'),
          })
        : new LocalPlacementWindow(config.tilePlacementsPerMinute),
      logger: logger.child({ module: 'tiles' }),
    }),
    new MetricsReporter(metrics),
  ]
  let fanout: RedisFanout | undefined
  if (config.redisUrl) {
    fanout = new RedisFanout({
      redisUrl: config.redisUrl,
      nodeId: config.nodeId,
      logger: logger.child({ module: 'redis' }),
      metrics,
      onStatus: (up) => readiness.setRedisUp(up),
    })
    extensions.push(fanout)
  }

  const hocuspocus = new Hocuspocus({
    name: config.nodeId,
    quiet: true,
    extensions,
    // Saves only flush the log and may compact, so they can run often.
    debounce: 1_000,
    // Hocuspocus merges what it broadcasts per event-loop turn with Y.mergeUpdates, which is
    // O(k²) in the number of updates; with the default 1 MiB cap a fast writer's turn grows to
    // tens of thousands of keystrokes and the merge time feeds on itself (docs/benchmarks.md).
    // 4 KiB keeps a merge at ~150 keystrokes.
    flushMaxBytes: 4 * 1024,
    maxDebounce: 5_000,
    timeout: 30_000,
  })
  metrics.observe(hocuspocus)

  const accepting = () => !readiness.isShuttingDown
  const httpServer = createServer(
    createRouter({
      nodeId: config.nodeId,
      appsDir: options.appsDir ?? REPO_APPS_DIR,
      readiness,
      metrics,
      prisma: database.prisma,
      authSecret: config.authSecret,
      logger: logger.child({ module: 'http' }),
      presence: presenceEndpoint(config, presence),
    }),
  )
  httpServer.on(
    'upgrade',
    createUpgradeHandler({
      hocuspocus,
      maxMessageBytes: config.maxMessageBytes,
      logger,
      accepting,
    }),
  )
  httpServer.on('clientError', (_error, socket) => socket.destroy())

  let shutdownPromise: Promise<void> | undefined
  const node: WeftNode = {
    config,
    logger,
    hocuspocus,
    httpServer,
    readiness,
    metrics,
    database,
    writer,
    presence,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject)
          readiness.setListening(true)
          resolve((httpServer.address() as AddressInfo).port)
        })
      }),
    shutdown: () => {
      shutdownPromise ??= shutdownNode({ node, compactor, timeoutMs: config.shutdownTimeoutMs })
      return shutdownPromise
    },
  }
  return node
}

/**
 * Where /api/presence is answered: a single node without Redis answers from its own sessions;
 * a fleet node forwards to the presence service (PRESENCE_URL) so the apps stay same-origin.
 */
function presenceEndpoint(config: ServerConfig, presence: NodePresence): PresenceEndpoint {
  if (!config.redisUrl)
    return { api: createPresenceApi({ source: presence.local, authSecret: config.authSecret }) }
  return config.presenceUrl ? { forwardTo: config.presenceUrl } : {}
}

/** A node on a shared Postgres does not migrate it (the chart's Job does); it waits until it is migrated. */
function watchMigrations(database: Database, readiness: Readiness, logger: Logger) {
  const check = async () => {
    try {
      const pending = await pendingMigrations(database.sql)
      readiness.setDatabaseUp(true)
      readiness.setMigrationsApplied(pending.length === 0)
      if (pending.length === 0) return
      logger.warn({ pending }, 'database migrations pending; run npm run db:migrate')
    } catch (error) {
      readiness.setDatabaseUp(false)
      logger.warn({ err: error }, 'cannot check database migrations')
    }
    setTimeout(check, 2_000).unref()
  }
  void check()
}
