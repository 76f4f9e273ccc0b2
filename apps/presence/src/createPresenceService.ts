/**
 * The presence service: the fleet's sessions aggregated from Redis (PresenceAggregator), served
 * over HTTP and SSE to the apps, and the session record of nodes that died: their users are
 * expired after the heartbeat bound and their sessions written as errored, with the reason.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  type Database,
  errorOpenSessions,
  openDatabase,
  RetryingQueue,
  recordSessionEvents,
} from '@weft/db'
import {
  createPresenceApi,
  type ExpiredBoot,
  PresenceAggregator,
  type PresenceSource,
  summarize,
} from '@weft/presence'
import { redactingDestination, tokenPolicyOf } from '@weft/protocol'
import { createRedisConnection } from '@weft/redis'
import { type Logger, pino } from 'pino'
import { PresenceMetrics } from './PresenceMetrics.ts'
import type { PresenceConfig } from './presenceConfig.ts'

export interface PresenceService {
  httpServer: Server
  aggregator: PresenceAggregator
  listen(): Promise<number>
  shutdown(): Promise<void>
  logger: Logger
}

export async function createPresenceService(config: PresenceConfig): Promise<PresenceService> {
  // Every line redacted before it is written: a request's token must never reach a log.
  const logger = pino(
    { level: config.logLevel, base: { service: 'presence', node: config.nodeId } },
    redactingDestination(),
  )
  const metrics = new PresenceMetrics()
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolMax,
    onPoolError: (error) => logger.warn({ err: error }, 'idle database connection failed'),
  })
  const records = new RetryingQueue<ExpiredBoot>({
    write: async (boots) => {
      for (const boot of boots) {
        const at = new Date()
        const reason = `node ${boot.nodeId} stopped heartbeating`
        await recordSessionEvents(
          database.prisma,
          boot.sessions.map((session) => ({
            kind: 'errored' as const,
            session: { ...session, openedAt: new Date(session.openedAt) },
            at,
            reason,
          })),
        )
        await errorOpenSessions(database.prisma, boot.nodeId, boot.bootId, reason, at)
      }
    },
    onStatus: (ok, error) => {
      metrics.databaseUp.set(ok ? 1 : 0)
      if (!ok) logger.warn({ err: error }, 'session records not written; holding them in memory')
    },
  })

  // Unreachable Redis shows in readiness and weft_presence_redis_up; no log line per retry.
  const redis = createRedisConnection(config.redis, {
    name: 'presence-service',
    role: 'command',
    maxRetriesPerRequest: 1,
  })
  const subscriber = createRedisConnection(config.redis, {
    name: 'presence-service-changes',
    role: 'subscriber',
  })

  const listeners = new Set<() => void>()
  const aggregator = new PresenceAggregator({
    redis,
    subscriber,
    pollMs: config.pollMs,
    onExpired: (boot) => {
      metrics.expiredBoots.inc()
      logger.warn(
        { node: boot.nodeId, boot: boot.bootId, sessions: boot.sessions.length },
        'node stopped heartbeating; its users expired',
      )
      records.push(boot)
      metrics.recordsQueued.set(records.size)
    },
    onChange: (sessions) => {
      metrics.sessions.set(sessions.length)
      metrics.users.set(summarize(sessions).users)
      for (const listener of listeners) listener()
    },
    onError: (error) => logger.debug({ err: error }, 'presence refresh failed'),
  })
  const source: PresenceSource = {
    sessions: () => aggregator.sessions,
    subscribe(listener) {
      listeners.add(listener)
      metrics.streams.inc()
      return () => {
        listeners.delete(listener)
        metrics.streams.dec()
      }
    },
  }
  const api = createPresenceApi({ source, tokens: tokenPolicyOf(config) })

  let shuttingDown = false
  const readiness = () => {
    const reasons = [
      ...(shuttingDown ? ['shutting down'] : []),
      ...(aggregator.ok ? [] : ['redis unavailable']),
    ]
    metrics.ready.set(reasons.length === 0 ? 1 : 0)
    metrics.redisUp.set(aggregator.ok ? 1 : 0)
    metrics.recordsQueued.set(records.size)
    return reasons
  }

  // Probes and metrics: on PORT, or only on MANAGEMENT_PORT when set (never routed publicly).
  const answerProbe = async (pathname: string, response: ServerResponse): Promise<boolean> => {
    if (pathname === '/healthz') {
      response.end('ok\n')
      return true
    }
    if (pathname === '/readyz') {
      const reasons = readiness()
      response.writeHead(reasons.length === 0 ? 200 : 503, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ ready: reasons.length === 0, reasons, node: config.nodeId }))
      return true
    }
    if (pathname === '/metrics') {
      readiness()
      response.writeHead(200, { 'Content-Type': metrics.registry.contentType })
      response.end(await metrics.registry.metrics())
      return true
    }
    return false
  }
  const handle =
    (routes: (url: URL, request: IncomingMessage, response: ServerResponse) => Promise<boolean>) =>
    async (request: IncomingMessage, response: ServerResponse) => {
      try {
        const url = new URL(request.url ?? '/', 'http://presence')
        if (await routes(url, request, response)) return
        response.writeHead(404, { 'Content-Type': 'application/json' })
        response.end(JSON.stringify({ error: 'not found' }))
      } catch (error) {
        logger.error({ err: error }, 'request failed')
        if (!response.headersSent) response.writeHead(500)
        response.end()
      }
    }
  const probesOnPort = config.managementPort === undefined
  const httpServer = createServer(
    handle(
      async (url, request, response) =>
        (probesOnPort && (await answerProbe(url.pathname, response))) ||
        api(request, response, url),
    ),
  )
  const managementServer = probesOnPort
    ? undefined
    : createServer(handle((url, _request, response) => answerProbe(url.pathname, response)))

  await aggregator.start()
  return {
    httpServer,
    aggregator,
    logger,
    async listen() {
      if (managementServer && config.managementPort !== undefined)
        await listenOn(managementServer, config.managementPort, config.host)
      return listenOn(httpServer, config.port, config.host)
    },
    async shutdown() {
      shuttingDown = true
      aggregator.stop()
      httpServer.close()
      httpServer.closeAllConnections()
      await records.drain(config.shutdownTimeoutMs)
      records.stop()
      managementServer?.close()
      managementServer?.closeAllConnections()
      redis.disconnect()
      subscriber.disconnect()
      await database.close().catch(() => {})
    },
  }
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}
