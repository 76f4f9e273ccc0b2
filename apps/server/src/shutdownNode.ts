/**
 * SIGTERM, in the order the durability model promises:
 * 1. readiness turns 503 while the listener stays open for `unreadyMs`, so probes and load
 *    balancers see the node leave (a closed port looks like a crash, not a drain) and clients
 *    routed meanwhile are still served;
 * 2. new sockets are refused and the listener closes;
 * 3. the update log is flushed, then sockets are closed so clients reconnect to another node,
 *    documents are stored and unloaded, and what arrived meanwhile is flushed too;
 * 4. the journal is released (removed when everything is committed, left for a survivor
 *    otherwise), presence and the database are closed.
 * Every step is bounded by the shutdown timeout; what could not be written is logged with its
 * size (and stays in the Redis journal for a survivor).
 */

import type { Compactor } from './persistence/Compactor.ts'
import type { WeftNode } from './WeftNode.ts'

export async function shutdownNode({
  node,
  compactor,
  timeoutMs,
  unreadyMs,
  stopAccepting,
}: {
  node: WeftNode
  compactor: Compactor
  timeoutMs: number
  unreadyMs: number
  stopAccepting: () => void
}) {
  const { logger, readiness, hocuspocus, httpServer, writer, database } = node
  const deadline = Date.now() + timeoutMs
  const remaining = () => Math.max(0, deadline - Date.now())
  const within = <T>(work: Promise<T>) =>
    Promise.race([
      work.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), remaining()).unref()),
    ])

  readiness.setShuttingDown()
  logger.info({ unreadyMs }, 'shutting down: readiness is 503')
  await new Promise((resolve) => setTimeout(resolve, Math.min(unreadyMs, remaining())))
  stopAccepting()
  httpServer.close()
  logger.info('shutting down: new connections refused')

  await within(writer.flush())
  hocuspocus.closeConnections()
  hocuspocus.flushPendingStores()
  await within(waitForUnload(node))
  const flushed = await within(writer.flush())
  if (!flushed)
    logger.error(
      { unwritten: writer.pendingCount },
      'shutdown timed out before the update log was flushed; the Redis journal keeps the rest for a survivor',
    )
  node.recovery?.stop()
  await within(node.journal?.stop(writer.pendingCount === 0) ?? Promise.resolve())
  await node.presence.stop(remaining())
  await within(compactor.idle())
  compactor.stop()
  writer.stop()
  await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => {})
  httpServer.closeAllConnections()
  // The management listener answered 503 on /readyz until here, so probes saw the drain.
  node.managementServer?.close()
  node.managementServer?.closeAllConnections()
  await database
    .close()
    .catch((error: unknown) => logger.warn({ err: error }, 'closing the database failed'))
  logger.info('shutdown complete')
}

async function waitForUnload(node: WeftNode) {
  while (node.hocuspocus.getDocumentsCount() > 0)
    await new Promise((resolve) => setTimeout(resolve, 20))
}
