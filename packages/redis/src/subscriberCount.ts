/**
 * How many connections are subscribed to a channel. On one server (or a Sentinel master) that is
 * PUBSUB NUMSUB. On a cluster, classic pub/sub is broadcast to every node but each node counts
 * only its own subscribers, so the count is the sum over all nodes (masters and replicas: a
 * cluster subscriber connects to any of them).
 */
import type { RedisConnection } from './createRedisConnection.ts'
import { isCluster } from './isCluster.ts'

export async function subscriberCount(connection: RedisConnection, channel: string) {
  const nodes = isCluster(connection) ? connection.nodes('all') : [connection]
  const counts = await Promise.all(
    nodes.map(async (node) => {
      const reply = (await node.pubsub('NUMSUB', channel)) as [string, number | string]
      return Number(reply[1] ?? 0)
    }),
  )
  return counts.reduce((sum, count) => sum + count, 0)
}
