import { Cluster } from 'ioredis'
import type { RedisConnection } from './createRedisConnection.ts'

/** Cluster-only behaviour (per-node PUBSUB counts, slot-bound multi-key commands) checks this. */
export function isCluster(connection: RedisConnection): connection is Cluster {
  return connection instanceof Cluster
}
