/**
 * The node's connections to Redis, opened in one place (createServices) and shared:
 * - `command`: presence publishing, the update journal and journal recovery, tile-board pacing.
 *   Commands on it fail after one reconnection (maxRetriesPerRequest 1): every user falls back
 *   (a later heartbeat, local pacing, the writer's memory) rather than holding work while
 *   Redis is away.
 * - `publisher` and `subscriber`: the fan-out's pair, handed to @hocuspocus/extension-redis
 *   (which publishes on the first and subscribes on the second, and closes both on destroy).
 * Their errors are logged here, once per 10 s (ioredis reports every failed reconnect).
 */
import type { RedisConfig } from '@weft/config'
import { createRedisConnection, type RedisConnection } from '@weft/redis'
import type { Logger } from './logger.ts'

export interface RedisConnections {
  command: RedisConnection
  publisher: RedisConnection
  subscriber: RedisConnection
}

export function openRedisConnections(config: RedisConfig, logger: Logger): RedisConnections {
  let lastErrorLog = 0
  const onError = (error: Error) => {
    if (Date.now() - lastErrorLog > 10_000) {
      lastErrorLog = Date.now()
      logger.warn({ err: error }, 'redis connection error')
    }
  }
  return {
    // Its errors are the fan-out connections' to report (same Redis).
    command: createRedisConnection(config, {
      name: 'commands',
      role: 'command',
      maxRetriesPerRequest: 1,
    }),
    publisher: createRedisConnection(config, {
      name: 'fanout-publisher',
      role: 'command',
      onError,
    }),
    subscriber: createRedisConnection(config, {
      name: 'fanout-subscriber',
      role: 'subscriber',
      onError,
    }),
  }
}
