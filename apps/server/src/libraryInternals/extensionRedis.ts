/**
 * Every use RedisFanout makes of @hocuspocus/extension-redis beyond its public hooks, in one place.
 * The extension is pinned (4.7.0); extensionRedis.test.ts fails when an upgrade changes any of
 * these shapes, instead of the fan-out breaking silently:
 * - `getKey(documentName)` (private): the document's channel, `<prefix>:<documentName>`, which
 *   the extension subscribes to when a document loads;
 * - `encodeMessage(message)` (private): the wire frame peers decode (the sender's identifier in
 *   front, so a node drops its own publishes);
 * - `hasOtherSubscribers(documentName)` (private): whether a loading node waits for a peer's
 *   state; replaced so the count covers every node of a Redis Cluster;
 * - the subscriber connection's `messageBuffer` event, which the extension listens to itself; a
 *   second listener sees the same messages (the fan-out's gap checks), and one put before it
 *   sees each frame before the extension applies it (ContentProvenance, decision 0202);
 * - the frame layout (identifier length byte, identifier, message): journaledFrames.ts.
 * Why each is used at all: docs/decisions/0060 (publishing updates) and 0003.
 */
import type { Redis } from '@hocuspocus/extension-redis'

interface StockInternals {
  getKey(documentName: string): string
  encodeMessage(message: Uint8Array): Buffer
  hasOtherSubscribers(documentName: string): Promise<boolean>
}

function stock(extension: Redis): StockInternals {
  return extension as unknown as StockInternals
}

/** The channel a document's messages travel on. */
export function channelOf(extension: Redis, documentName: string): string {
  return stock(extension).getKey(documentName)
}

/** The document a document channel belongs to, or null for another channel (a reply channel). */
export function documentOfChannel(extension: Redis, channel: string): string | null {
  const prefix = `${extension.configuration.prefix}:`
  return channel.startsWith(prefix) ? channel.slice(prefix.length) : null
}

/** A Hocuspocus protocol message as peers' extensions decode it. */
export function encodeForPeers(extension: Redis, message: Uint8Array): Buffer {
  return stock(extension).encodeMessage(message)
}

/**
 * Replaces the extension's "does a peer hold this document?" count (asked before a load waits
 * for a peer's state) with `count`, which is given the document's channel.
 */
export function replaceSubscriberCount(
  extension: Redis,
  hasOthers: (channel: string) => Promise<boolean>,
): void {
  stock(extension).hasOtherSubscribers = (documentName) =>
    hasOthers(channelOf(extension, documentName))
}

/**
 * Calls `listener` with the channel of every message the extension's subscriber receives, after
 * the extension handled it, and `before` with the frame before it does (the extension applies
 * a frame's Yjs update synchronously, in its own listener: ContentProvenance relies on it).
 */
export function onEveryIncoming(
  extension: Redis,
  listener: (channel: string) => void,
  before?: (frame: Buffer) => void,
): void {
  if (before)
    extension.sub.prependListener('messageBuffer', (_channel: Buffer, frame: Buffer) =>
      before(frame),
    )
  extension.sub.on('messageBuffer', (channel: Buffer) => listener(channel.toString('utf-8')))
}
