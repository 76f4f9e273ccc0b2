/**
 * The one way the platform opens a Redis connection. Every user (fan-out, presence reporting,
 * the presence service, the tile limiter, the journal) calls this with the validated RedisConfig
 * from @weft/config and says what the connection is for, so a Sentinel or Cluster deployment is
 * one setting for all of them rather than a branch at each call site.
 *
 * One connection per need: a `subscriber` connection is in subscribe mode and can run nothing
 * else, and a slow command never waits behind another user's traffic. Ask for what you need:
 * `createRedisConnection(config, { name: 'journal', role: 'command' })`.
 */
import type { RedisConfig } from '@weft/config'
import { Cluster, Redis, type RedisOptions } from 'ioredis'

/** A connection to a server, a Sentinel-managed master, or a cluster: the same commands. */
export type RedisConnection = Redis | Cluster

export interface RedisConnectionOptions {
  /** What the connection is for; shown in CLIENT LIST as `weft:<name>` to tell them apart. */
  name: string
  /**
   * `subscriber` for SUBSCRIBE: a subscription asked for while Redis is away waits for it (a
   * failed SUBSCRIBE would never be renewed on reconnect), and every subscription is renewed
   * after a reconnect or failover. `command` for everything else.
   */
  role: 'command' | 'subscriber'
  /**
   * Command connections: how many reconnections a queued command waits through before it fails
   * (ioredis's maxRetriesPerRequest). Small: callers fall back (local pacing, a later heartbeat,
   * the state-vector repair) rather than hold work while Redis is away.
   */
  maxRetriesPerRequest?: number
  /** Connection errors, already rate-limited by ioredis's reconnect backoff. */
  onError?: (error: Error) => void
}

/** Reconnect quickly at first, then every 2 s: an outage or failover ends in seconds. */
const retryStrategy = (attempt: number) => Math.min(attempt * 100, 2_000)

export function createRedisConnection(
  config: RedisConfig,
  options: RedisConnectionOptions,
): RedisConnection {
  const common: RedisOptions =
    options.role === 'subscriber'
      ? {
          connectionName: `weft:${options.name}`,
          maxRetriesPerRequest: null,
          autoResubscribe: true,
        }
      : {
          connectionName: `weft:${options.name}`,
          maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
        }
  const connection = open(config, common)
  connection.on('error', (error: Error) => options.onError?.(error))
  return connection
}

function open(config: RedisConfig, common: RedisOptions): RedisConnection {
  switch (config.mode) {
    case 'standalone':
      return new Redis(config.url, { ...common, retryStrategy })
    case 'sentinel':
      return new Redis({
        ...common,
        retryStrategy,
        sentinels: config.sentinels,
        name: config.masterName,
        role: 'master',
        ...credentials(config),
        ...(config.sentinelPassword ? { sentinelPassword: config.sentinelPassword } : {}),
        // Ask the sentinels again every round instead of giving up on them.
        sentinelRetryStrategy: retryStrategy,
        // No failoverDetector: in ioredis 5.6 its +switch-master handler disconnects the
        // connector even while it is already reconnecting (the master died), which rejects
        // that connect and ends the connection for good (seen here: a node never ready again
        // after a master kill). Without it nothing is missed: when Sentinel demotes a live
        // master it kills that server's client connections itself, and ioredis then asks the
        // sentinels again and checks the role of the server it reaches.
      })
    case 'cluster':
      return new Cluster(config.nodes, {
        // Node connections do not reconnect by themselves (ioredis re-reads the slot map
        // instead); the cluster as a whole retries with clusterRetryStrategy.
        redisOptions: { ...common, ...credentials(config) },
        clusterRetryStrategy: retryStrategy,
        // Slots move on failover and resharding; follow MOVED/ASK replies a few times.
        maxRedirections: 16,
        // The cluster's slot map is re-read on every MOVED anyway; a timer keeps an idle
        // connection's map fresh after a failover it did not see.
        slotsRefreshInterval: 5_000,
      })
  }
}

function credentials(config: { username?: string; password?: string }) {
  return {
    ...(config.username ? { username: config.username } : {}),
    ...(config.password ? { password: config.password } : {}),
  }
}
