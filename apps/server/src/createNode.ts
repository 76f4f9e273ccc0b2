/**
 * Builds one server node from its validated configuration: database, Hocuspocus with the
 * platform's extensions, HTTP routes and WebSocket endpoints. Starting and stopping are the
 * caller's (main.ts for the process, tests for in-process nodes).
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Extension, Hocuspocus } from '@hocuspocus/server'
import type { ServerConfig } from '@weft/config'
import { applyMigrations, type Database, openDatabase, schemaStatus } from '@weft/db'
import { createPresenceApi } from '@weft/presence'
import { tokenPolicyOf } from '@weft/protocol'
import { createDocumentRoutes } from './documents/documentRoutes.ts'
import { LiveDocuments } from './documents/LiveDocuments.ts'
import { RequestRate } from './documents/RequestRate.ts'
import { TrashPurger } from './documents/TrashPurger.ts'
import { AccessControl } from './extensions/AccessControl.ts'
import { AwarenessGuard } from './extensions/AwarenessGuard.ts'
import { ConnectionLimits } from './extensions/ConnectionLimits.ts'
import { FrameGuard } from './extensions/FrameGuard.ts'
import { MetricsReporter } from './extensions/MetricsReporter.ts'
import { Persistence } from './extensions/Persistence.ts'
import { PresenceReporter } from './extensions/PresenceReporter.ts'
import { RedisFanout } from './extensions/RedisFanout.ts'
import { TileBoard } from './extensions/TileBoard.ts'
import { UnsavedLimit } from './extensions/UnsavedLimit.ts'
import { createManagementRouter } from './http/probes.ts'
import { createRouter, type PresenceEndpoint } from './http/router.ts'
import { Journal } from './journal/Journal.ts'
import { JournalRecovery } from './journal/JournalRecovery.ts'
import { AuthFailureThrottle } from './limits/AuthFailureThrottle.ts'
import { requestSource, trustedProxies } from './limits/clientAddress.ts'
import { RefusalReporter } from './limits/RefusalReporter.ts'
import { createLogger, type Logger } from './logger.ts'
import { Metrics } from './Metrics.ts'
import { Compactor } from './persistence/Compactor.ts'
import { IntegrityWatch } from './persistence/IntegrityWatch.ts'
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
  const readiness = new Readiness({ redisRequired: Boolean(config.redis), metrics })
  const onDatabaseStatus = (up: boolean) => readiness.setDatabaseUp(up)

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
  const presence = createPresence(config, database.prisma, logger.child({ module: 'presence' }))
  // The journal shares the node's command connection to Redis (presence, tile pacing).
  const journalLogger = logger.child({ module: 'journal' })
  const journal = presence.redis
    ? new Journal({
        redis: presence.redis,
        nodeId: config.nodeId,
        bootId: presence.bootId,
        heartbeatMs: config.presenceHeartbeatMs,
        expiryMs: config.presenceExpiryMs,
        logger: journalLogger,
        metrics,
      })
    : undefined
  const recovery =
    presence.redis && journal
      ? new JournalRecovery({
          redis: presence.redis,
          sql: database.sql,
          nodeId: config.nodeId,
          ownStream: journal.stream,
          sweepMs: config.presenceHeartbeatMs,
          logger: journalLogger,
          metrics,
        })
      : undefined
  const writer = new UpdateLogWriter({
    sql: database.sql,
    nodeId: config.nodeId,
    bootId: presence.bootId,
    metrics,
    logger: logger.child({ module: 'update-log' }),
    onDatabaseStatus,
    onPersisted: (counts) => compactor.recordPersisted(counts),
    ...(journal ? { journal } : {}),
  })
  journal?.start()
  recovery?.start()
  let fanout: RedisFanout | undefined
  const integrity = new IntegrityWatch({
    logger: logger.child({ module: 'integrity' }),
    metrics,
    askPeers: (document) => fanout?.requestSync(document),
  })

  // Absent in open dev mode (no AUTH_SECRET).
  const tokens = tokenPolicyOf(config)
  const reporter = new PresenceReporter({ nodeId: config.nodeId, ...presence })
  const refusals = new RefusalReporter({
    logger: logger.child({ module: 'access' }),
    metrics,
    record: (refusal) => reporter.recordRefusal(refusal),
  })
  const throttle = new AuthFailureThrottle({
    perMinute: config.limits.authFailuresPerMinute,
    banMs: config.limits.authBanMs,
  })
  const connectionLimits = new ConnectionLimits({
    maxConnectionsPerUser: config.limits.maxConnectionsPerUser,
    maxDocumentsPerConnection: config.limits.maxDocumentsPerConnection,
  })
  const unsavedLimit = new UnsavedLimit({
    writer,
    maxUpdates: config.unsavedMaxUpdates,
    maxBytes: config.unsavedMaxBytes,
    metrics,
    logger: logger.child({ module: 'unsaved-limit' }),
  })
  const extensions: Extension[] = [
    new AccessControl({
      ...(tokens ? { tokens } : {}),
      refusals,
      throttle,
      limits: connectionLimits,
    }),
    connectionLimits,
    new AwarenessGuard(metrics),
    reporter,
    new Persistence({
      prisma: database.prisma,
      writer,
      compactor,
      metrics,
      logger: logger.child({ module: 'persistence' }),
      integrity,
      ...(recovery ? { recovery } : {}),
      onDatabaseStatus,
      // Counted, logged and recorded like every refusal: at most one row per user a minute.
      onLoadRefused: (refusal) => refusals.report({ ...refusal, source: 'load' }),
    }),
    new FrameGuard(logger.child({ module: 'frames' })),
    unsavedLimit,
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
  if (config.redis) {
    fanout = new RedisFanout({
      redis: config.redis,
      nodeId: config.nodeId,
      logger: logger.child({ module: 'redis' }),
      metrics,
      onStatus: (up) => readiness.setRedisUp(up),
      ...(journal ? { beforePublish: () => journal.sync() } : {}),
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

  // New sockets are refused only after the unready window of a shutdown (shutdownNode).
  let acceptingSockets = true
  const accepting = () => acceptingSockets
  const proxies = trustedProxies(config.limits.trustedProxies)
  const documentRoutes = createDocumentRoutes({
    nodeId: config.nodeId,
    frameAncestors: config.frameAncestors,
    prisma: database.prisma,
    live: new LiveDocuments({
      hocuspocus,
      writer,
      unsavedLimitReached: () => unsavedLimit.reached,
    }),
    ...(tokens ? { tokens } : {}),
    rate: new RequestRate(config.apiRequestsPerMinute),
    maxBodyBytes: config.apiMaxBodyBytes,
    allowedOrigins: config.allowedOrigins,
    sourceOf: (request) => requestSource(request, proxies),
    logger: logger.child({ module: 'documents-api' }),
  })
  new TrashPurger({
    prisma: database.prisma,
    retentionHours: config.trashRetentionHours,
    logger: logger.child({ module: 'trash' }),
  }).start()
  const httpServer = createServer(
    createRouter({
      documentRoutes,
      nodeId: config.nodeId,
      appsDir: options.appsDir ?? REPO_APPS_DIR,
      readiness,
      metrics,
      prisma: database.prisma,
      ...(tokens ? { tokens } : {}),
      logger: logger.child({ module: 'http' }),
      presence: presenceEndpoint(config, presence),
      allowedOrigins: config.allowedOrigins,
      frameAncestors: config.frameAncestors,
      servesProbes: config.managementPort === undefined,
    }),
  )
  const managementServer =
    config.managementPort === undefined
      ? undefined
      : createServer(
          createManagementRouter({
            nodeId: config.nodeId,
            readiness,
            metrics,
            onError: (error) => logger.error({ err: error }, 'management request failed'),
          }),
        )
  httpServer.on(
    'upgrade',
    createUpgradeHandler({
      hocuspocus,
      maxMessageBytes: config.maxMessageBytes,
      logger,
      accepting,
      authTimeoutMs: config.limits.authTimeoutMs,
      rate: config.limits,
      proxies,
      throttle,
      connectionLimits,
      refusals,
      allowedOrigins: config.allowedOrigins,
    }),
  )
  // A request Node's parser refuses (a malformed request line or header) is answered 400, as a
  // stranger's bad request should be; a socket that is gone or timed out is just dropped.
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (
      !socket.writable ||
      error.code === 'ECONNRESET' ||
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    )
      return void socket.destroy()
    socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
  })

  let shutdownPromise: Promise<void> | undefined
  const node: WeftNode = {
    config,
    logger,
    hocuspocus,
    httpServer,
    ...(managementServer ? { managementServer } : {}),
    readiness,
    metrics,
    database,
    writer,
    presence,
    ...(journal ? { journal } : {}),
    ...(recovery ? { recovery } : {}),
    listen: async () => {
      // Probes first: the kubelet sees "not listening yet" rather than a refused connection.
      if (managementServer && config.managementPort !== undefined)
        await listenOn(managementServer, config.managementPort, config.host)
      const port = await listenOn(httpServer, config.port, config.host)
      readiness.setListening(true)
      return port
    },
    shutdown: () => {
      shutdownPromise ??= shutdownNode({
        node,
        compactor,
        timeoutMs: config.shutdownTimeoutMs,
        unreadyMs: config.shutdownUnreadyMs,
        stopAccepting: () => {
          acceptingSockets = false
        },
      })
      return shutdownPromise
    },
  }
  return node
}

function listenOn(server: HttpServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/**
 * Where /api/presence is answered: a single node without Redis answers from its own sessions;
 * a fleet node forwards to the presence service (PRESENCE_URL) so the apps stay same-origin.
 */
function presenceEndpoint(config: ServerConfig, presence: NodePresence): PresenceEndpoint {
  if (!config.redis)
    return {
      api: createPresenceApi({ source: presence.local, tokens: tokenPolicyOf(config) }),
    }
  return config.presenceUrl ? { forwardTo: config.presenceUrl } : {}
}

/**
 * A node on a shared Postgres does not migrate it (the chart's Job does); it waits until it is
 * migrated. A schema a newer release expanded is fine (the previous image keeps serving during a
 * rolling update or after a rollback, docs/decisions/0050); one it must not run on keeps it unready.
 */
function watchMigrations(database: Database, readiness: Readiness, logger: Logger) {
  let reportedNewer = false
  const check = async () => {
    try {
      const status = await schemaStatus(database.sql)
      readiness.setDatabaseUp(true)
      readiness.setSchemaProblem(status.problem)
      readiness.setMigrationsApplied(status.pending.length === 0)
      if (status.newer.length > 0 && !status.problem && !reportedNewer) {
        reportedNewer = true
        logger.info(
          { newer: status.newer },
          'database has newer additive migrations; running on it',
        )
      }
      if (status.problem) logger.error({ problem: status.problem }, 'cannot run on this database')
      else if (status.pending.length === 0) return
      else
        logger.warn(
          { pending: status.pending },
          'database migrations pending; run npm run db:migrate',
        )
    } catch (error) {
      readiness.setDatabaseUp(false)
      logger.warn({ err: error }, 'cannot check database migrations')
    }
    setTimeout(check, 2_000).unref()
  }
  void check()
}
