/**
 * A node's presence parts: its own sessions (always; embedded mode serves the API from them),
 * the Redis publisher for the fleet-wide presence service, and the session-record queue.
 */
import { randomBytes } from 'node:crypto'
import type { ServerConfig } from '@weft/config'
import { type PrismaClient, RetryingQueue, recordSessionEvents, type SessionEvent } from '@weft/db'
import { LocalPresence, NodePresencePublisher } from '@weft/presence'
import { createRedisConnection, type RedisConnection } from '@weft/redis'
import type { Logger } from '../logger.ts'

export interface NodePresence {
  bootId: string
  local: LocalPresence
  publisher?: NodePresencePublisher
  records: RetryingQueue<SessionEvent>
  /** The node's command connection to Redis (when it has one), shared with tile-board pacing. */
  redis?: RedisConnection
  stop(timeoutMs: number): Promise<void>
}

export function createPresence(
  config: ServerConfig,
  prisma: PrismaClient,
  logger: Logger,
): NodePresence {
  const bootId = randomBytes(6).toString('base64url')
  let lastWarning = 0
  const records = new RetryingQueue<SessionEvent>({
    write: (batch) => recordSessionEvents(prisma, batch),
    onStatus: (ok, error) => {
      if (!ok && Date.now() - lastWarning > 10_000) {
        lastWarning = Date.now()
        logger.warn(
          { err: error, queued: records.size },
          'session records not written; holding them in memory',
        )
      }
    },
  })
  let redis: RedisConnection | undefined
  let publisher: NodePresencePublisher | undefined
  if (config.redis) {
    // Errors are the fan-out connection's to report (same Redis); presence falls back by itself.
    redis = createRedisConnection(config.redis, {
      name: 'presence',
      role: 'command',
      maxRetriesPerRequest: 1,
    })
    // Back from an outage: rewrite our sessions at once rather than at the next heartbeat.
    redis.on('ready', () => publisher?.start())
    publisher = new NodePresencePublisher({
      redis,
      nodeId: config.nodeId,
      bootId,
      heartbeatMs: config.presenceHeartbeatMs,
      expiryMs: config.presenceExpiryMs,
      onError: (error) => logger.debug({ err: error }, 'presence publish failed'),
    })
  }
  return {
    bootId,
    local: new LocalPresence(),
    publisher,
    records,
    ...(redis ? { redis } : {}),
    async stop(timeoutMs) {
      await publisher?.stop()
      const drained = await records.drain(timeoutMs)
      if (!drained)
        logger.error({ unwritten: records.size }, 'session records not written before shutdown')
      records.stop()
      redis?.disconnect()
    },
  }
}
