/**
 * Every Redis key the update journal uses, in one place. Each node boot owns one stream and the
 * keys beside it; they share a hash tag (`{journal:<node>/<boot>}`) so they live in one slot of a
 * Redis Cluster and a script may touch them together. The registry is one set (one slot too).
 */
export const JOURNAL_PREFIX = 'weft'

const tag = (boot: string) => `${JOURNAL_PREFIX}:{journal:${boot}}`

export const journalKeys = {
  /**
   * Every journal stream that may hold entries; survivors look here for dead nodes' journals.
   * Streams of one entry per turn (0161) register here, under a name an earlier image never reads:
   * it would take such an entry for malformed and trim it unreplayed.
   */
  registry: `${JOURNAL_PREFIX}:journals:turns`,
  /** Streams of earlier images (one entry per update), still replayed and read on load. */
  legacyRegistry: `${JOURNAL_PREFIX}:journals`,
  /** The stream of one node boot: one entry per turn of client updates not yet in Postgres. */
  stream: (boot: string) => tag(boot),
  /** Exists while the boot heartbeats; its expiry declares the node dead. */
  alive: (boot: string) => `${tag(boot)}:alive`,
  /** Held by the survivor replaying a dead boot's stream, so only one replays it at a time. */
  claim: (boot: string) => `${tag(boot)}:claim`,
}

/** A boot's name: node id and boot id (a restarted node never appends to its old stream). */
export const journalBoot = (nodeId: string, bootId: string) => `${nodeId}/${bootId}`

/** The boot a stream key belongs to, or null for a key that is not a journal stream. */
export function bootOfStream(stream: string): { boot: string; nodeId: string } | null {
  const match = /^weft:\{journal:(([^/{}]+)\/[^/{}]+)\}$/.exec(stream)
  return match ? { boot: match[1] as string, nodeId: match[2] as string } : null
}
