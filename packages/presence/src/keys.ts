/**
 * Where presence lives in Redis. Each node boot owns a hash of its sessions and an "alive" key
 * that expires unless the node heartbeats, so a node that dies (crash, kill -9, partition)
 * disappears by itself; a set lists the boots to look at.
 *
 * Every key carries the hash tag `{presence}`: on a Redis Cluster they all live in one slot, so
 * the MULTI transactions and pipelines that span a boot's keys and the boot set stay atomic
 * instead of failing with CROSSSLOT. Presence is small (one hash entry per session), so one
 * shard holds it easily (docs/decisions/0020).
 */
export const PRESENCE_PREFIX = 'weft:{presence}'

export const keys = {
  boots: `${PRESENCE_PREFIX}:boots`,
  sessions: (boot: string) => `${PRESENCE_PREFIX}:boot:${boot}:sessions`,
  alive: (boot: string) => `${PRESENCE_PREFIX}:boot:${boot}:alive`,
  /** Pub/sub channel: "something changed", so readers refresh at once instead of on their next poll. */
  changes: `${PRESENCE_PREFIX}:changes`,
}

/** A boot's key: node id and boot id, so a restarted node never inherits its old sessions. */
export const bootKey = (nodeId: string, bootId: string) => `${nodeId}/${bootId}`
