/**
 * Builds one server node from its validated configuration: the services every part shares
 * (services.ts), durability as one unit (NodePersistence), then the list of Hocuspocus
 * extensions, in the order their hooks run, and the HTTP and WebSocket endpoints. Starting and
 * stopping are the caller's (main.ts for the process, tests for in-process nodes).
 */
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Extension, Hocuspocus } from '@hocuspocus/server'
import type { ServerConfig } from '@weft/config'
import { createPresenceApi } from '@weft/presence'
import { tokenPolicyOf } from '@weft/protocol'
import { AccessControl } from './access/AccessControl.ts'
import { AwarenessGuard } from './access/AwarenessGuard.ts'
import { closeShareConnections } from './access/closeShareConnections.ts'
import { ShareLinks } from './access/ShareLinks.ts'
import { ShareSweeper } from './access/ShareSweeper.ts'
import { CanvasGuard } from './canvas/CanvasGuard.ts'
import { CanvasWrites } from './canvas/CanvasWrites.ts'
import { KnownAssets } from './canvas/KnownAssets.ts'
import { createDocumentRoutes } from './documents/documentRoutes.ts'
import { FirstScreenStore } from './documents/FirstScreenStore.ts'
import { LiveDocuments } from './documents/LiveDocuments.ts'
import { RequestRate } from './documents/RequestRate.ts'
import { TrashPurger } from './documents/TrashPurger.ts'
import { BroadcastToOthers } from './fanout/BroadcastToOthers.ts'
import { RedisFanout } from './fanout/RedisFanout.ts'
import { createManagementRouter } from './http/probes.ts'
import { createRouter, type PresenceEndpoint } from './http/router.ts'
import { createIdentityRoutes } from './identity/identityRoutes.ts'
import { OidcSignIn } from './identity/oidc/OidcSignIn.ts'
import { ProfileCache } from './identity/ProfileCache.ts'
import { AuthFailureThrottle } from './limits/AuthFailureThrottle.ts'
import { ConnectionLimits } from './limits/ConnectionLimits.ts'
import { requestSource, trustedProxies } from './limits/clientAddress.ts'
import { RefusalReporter } from './limits/RefusalReporter.ts'
import type { Logger } from './logger.ts'
import { MetricsReporter } from './metrics/MetricsReporter.ts'
import { NodePersistence } from './persistence/NodePersistence.ts'
import { UnsavedLimit } from './persistence/UnsavedLimit.ts'
import { createPresence, type NodePresence } from './presence/createPresence.ts'
import { PresenceReporter } from './presence/PresenceReporter.ts'
import { createServices } from './services.ts'
import { shutdownNode } from './shutdownNode.ts'
import { LocalPlacementWindow, RedisPlacementWindow } from './tiles/placementLimits.ts'
import { TileBoard } from './tiles/TileBoard.ts'
import type { WeftNode } from './WeftNode.ts'
import { AwarenessRenewals } from './websocket/AwarenessRenewals.ts'
import { FrameGuard } from './websocket/FrameGuard.ts'
import { createUpgradeHandler } from './websocket/upgrades.ts'

const REPO_APPS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function createNode(
  config: ServerConfig,
  options: { logger?: Logger; appsDir?: string } = {},
): Promise<WeftNode> {
  const services = await createServices(config, options)
  const { logger, metrics, readiness, database, redis } = services

  // Absent in open dev mode (no AUTH_SECRET).
  const tokens = tokenPolicyOf(config)
  // Share links are signed with the token key; without one (open dev mode) there are none.
  const links = tokens
    ? new ShareLinks({ secrets: tokens.secrets, prisma: database.prisma })
    : undefined
  const presence = createPresence(services)
  const reporter = new PresenceReporter({ nodeId: config.nodeId, ...presence })
  const refusals = new RefusalReporter({
    logger: logger.child({ module: 'access' }),
    metrics,
    record: (refusal) => reporter.recordRefusal(refusal),
  })
  const counts = new MetricsReporter(metrics)
  let fanout: RedisFanout | undefined
  const persistence = new NodePersistence({
    services,
    counts,
    askPeers: (document) => fanout?.requestSync(document),
    // Counted, logged and recorded like every refusal: at most one row per user a minute.
    onLoadRefused: (refusal) => refusals.report({ ...refusal, source: 'load' }),
  })
  if (redis)
    fanout = new RedisFanout({
      connections: redis,
      nodeId: config.nodeId,
      logger: logger.child({ module: 'redis' }),
      onStatus: (up) => readiness.setRedisUp(up),
      beforePublish: () => persistence.journaled(),
      provenance: persistence.provenance,
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
    unsaved: persistence,
    maxUpdates: config.unsavedMaxUpdates,
    maxBytes: config.unsavedMaxBytes,
    metrics,
    logger: logger.child({ module: 'unsaved-limit' }),
  })

  const profiles = new ProfileCache(database.prisma)
  const awarenessGuard = new AwarenessGuard(metrics, profiles)
  // One check for every Canvas write, from a socket (CanvasGuard) or the REST API (LiveDocuments).
  const canvasWrites = new CanvasWrites(
    logger.child({ module: 'canvas' }),
    new KnownAssets(database.prisma),
  )
  const firstScreens = new FirstScreenStore(
    database.prisma,
    logger.child({ module: 'first-screens' }),
    config.gridFirstScreenMaxCells,
  )
  const extensions: Extension[] = [
    // First, so that what later afterLoadDocument hooks apply (a peer's state) is attributed.
    new BroadcastToOthers(),
    new AccessControl({
      ...(tokens ? { tokens } : {}),
      ...(links ? { shares: links } : {}),
      refusals,
      throttle,
      limits: connectionLimits,
      profiles,
    }),
    connectionLimits,
    awarenessGuard,
    reporter,
    persistence.extension,
    new FrameGuard(logger.child({ module: 'frames' })),
    unsavedLimit,
    new CanvasGuard(logger.child({ module: 'canvas' }), canvasWrites),
    new TileBoard({
      limiter: redis
        ? new RedisPlacementWindow({
            redis: redis.command,
            perMinute: config.tilePlacementsPerMinute,
            onFallback: (error) =>
              logger.debug({ err: error }, 'tile pacing on this node only: Redis unreachable'),
          })
        : new LocalPlacementWindow(config.tilePlacementsPerMinute),
      logger: logger.child({ module: 'tiles' }),
    }),
    counts,
    firstScreens,
    ...(fanout ? [fanout] : []),
  ]

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
  // One request budget per caller across the documents and profile APIs.
  const apiRate = new RequestRate(config.apiRequestsPerMinute)
  const documentRoutes = createDocumentRoutes({
    nodeId: config.nodeId,
    frameAncestors: config.frameAncestors,
    prisma: database.prisma,
    live: new LiveDocuments({
      hocuspocus,
      writer: persistence,
      unsavedLimitReached: () => unsavedLimit.reached,
      check: canvasWrites,
    }),
    ...(tokens ? { tokens } : {}),
    ...(links ? { links } : {}),
    maxShareLinkHours: config.shareLinkMaxHours,
    canvasImageMaxBytes: config.canvasImageMaxBytes,
    canvasAssetsMaxBytes: config.canvasAssetsMaxBytes,
    onShareRevoked: (shareId) => closeShareConnections(hocuspocus, shareId),
    rate: apiRate,
    maxBodyBytes: config.apiMaxBodyBytes,
    gridFirstScreenMaxCells: config.gridFirstScreenMaxCells,
    firstScreens,
    allowedOrigins: config.allowedOrigins,
    sourceOf: (request) => requestSource(request, proxies),
    logger: logger.child({ module: 'documents-api' }),
  })
  const identityRoutes = createIdentityRoutes({
    prisma: database.prisma,
    profiles,
    ...(tokens ? { tokens } : {}),
    ...(links ? { shares: links } : {}),
    rate: apiRate,
    maxBodyBytes: config.apiMaxBodyBytes,
    allowedOrigins: config.allowedOrigins,
    sourceOf: (request) => requestSource(request, proxies),
    logger: logger.child({ module: 'identity' }),
    ...(config.oidc && config.authSecret
      ? {
          oidc: new OidcSignIn({
            settings: config.oidc,
            authSecret: config.authSecret,
            tokenLifetimeSeconds: config.tokenMaxLifetimeSeconds,
            ...(config.authIssuer ? { issuer: config.authIssuer } : {}),
            ...(config.authAudience ? { audience: config.authAudience } : {}),
            logger: logger.child({ module: 'oidc' }),
          }),
        }
      : {}),
  })
  const trash = new TrashPurger({
    prisma: database.prisma,
    retentionHours: config.trashRetentionHours,
    logger: logger.child({ module: 'trash' }),
  })
  trash.start()
  const shareSweeper = links
    ? new ShareSweeper({
        hocuspocus,
        prisma: database.prisma,
        links,
        logger: logger.child({ module: 'shares' }),
      })
    : undefined
  shareSweeper?.start()
  const httpServer = createServer(
    createRouter({
      documentRoutes,
      identityRoutes,
      nodeId: config.nodeId,
      appsDir: options.appsDir ?? REPO_APPS_DIR,
      readiness,
      metrics,
      prisma: database.prisma,
      ...(tokens ? { tokens } : {}),
      ...(links ? { shares: links } : {}),
      logger: logger.child({ module: 'http' }),
      presence: presenceEndpoint(config, presence),
      allowedOrigins: config.allowedOrigins,
      frameAncestors: config.frameAncestors,
      gridImportMaxBytes: config.gridImportMaxBytes,
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
      renewals: new AwarenessRenewals({
        hocuspocus,
        relayMs: config.awarenessRelayMs,
        stamp: (state, user) => awarenessGuard.stamp(state, user),
        onRenewal: () => metrics.awarenessRenewals.inc(),
      }),
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
    ...(redis ? { redis } : {}),
    persistence,
    presence,
    listen: async () => {
      // Probes first: the kubelet sees "not listening yet" rather than a refused connection.
      if (managementServer && config.managementPort !== undefined)
        await listenOn(managementServer, config.managementPort, config.host)
      const port = await listenOn(httpServer, config.port, config.host)
      readiness.setListening(true)
      return port
    },
    shutdown: () => {
      // No purge may start while the database handle is being closed.
      trash.stop()
      shareSweeper?.stop()
      shutdownPromise ??= shutdownNode({
        node,
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
