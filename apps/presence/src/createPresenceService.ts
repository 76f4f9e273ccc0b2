/**
 * The presence service: the fleet's sessions aggregated from Redis (PresenceAggregator), served
 * over HTTP and SSE to the apps, and the session record of nodes that died: their users are
 * expired after the heartbeat bound and their sessions written as errored, with the reason.
 */
import { createServer, type Server } from 'node:http'
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

  const httpServer = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://presence')
      if (url.pathname === '/healthz') return void response.end('ok\n')
      if (url.pathname === '/readyz') {
        const reasons = readiness()
        response.writeHead(reasons.length === 0 ? 200 : 503, { 'Content-Type': 'application/json' })
        return void response.end(
          JSON.stringify({ ready: reasons.length === 0, reasons, node: config.nodeId }),
        )
      }
      if (url.pathname === '/metrics') {
        readiness()
        response.writeHead(200, { 'Content-Type': metrics.registry.contentType })
        return void response.end(await metrics.registry.metrics())
      }
      if (await api(request, response, url)) return
      response.writeHead(404, { 'Content-Type': 'application/json' })
      response.end(JSON.stringify({ error: 'not found' }))
    } catch (error) {
      logger.error({ err: error }, 'request failed')
      if (!response.headersSent) response.writeHead(500)
      response.end()
    }
  })

  await aggregator.start()
  return {
    httpServer,
    aggregator,
    logger,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject)
        httpServer.listen(config.port, config.host, () =>
          resolve((httpServer.address() as AddressInfo).port),
        )
      }),
    async shutdown() {
      shuttingDown = true
      aggregator.stop()
      httpServer.close()
      httpServer.closeAllConnections()
      await records.drain(5_000)
      records.stop()
      redis.disconnect()
      subscriber.disconnect()
      await database.close().catch(() => {})
    },
  }
}
