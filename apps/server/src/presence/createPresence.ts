/**
 * A node's presence parts: its own sessions (always; embedded mode serves the API from them),
 * the Redis publisher for the fleet-wide presence service (on the node's shared command
 * connection), and the session-record queue.
 */
import { RetryingQueue, recordSessionEvents, type SessionEvent } from '@weft/db'
import { LocalPresence, NodePresencePublisher } from '@weft/presence'
import type { NodeServices } from '../services.ts'

export interface NodePresence {
  bootId: string
  local: LocalPresence
  publisher?: NodePresencePublisher
  records: RetryingQueue<SessionEvent>
  stop(timeoutMs: number): Promise<void>
}

export function createPresence({
  config,
  database: { prisma },
  redis: connections,
  bootId,
  logger: nodeLogger,
}: NodeServices): NodePresence {
  const logger = nodeLogger.child({ module: 'presence' })
  const redis = connections?.command
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
  let publisher: NodePresencePublisher | undefined
  if (redis) {
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
    async stop(timeoutMs) {
      await publisher?.stop()
      const drained = await records.drain(timeoutMs)
      if (!drained)
        logger.error({ unwritten: records.size }, 'session records not written before shutdown')
      records.stop()
    },
  }
}
