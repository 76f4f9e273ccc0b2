/**
 * SIGTERM, in the order the durability model promises:
 * 1. readiness turns 503 while the listener stays open for `unreadyMs`, so probes and load
 *    balancers see the node leave (a closed port looks like a crash, not a drain) and clients
 *    routed meanwhile are still served;
 * 2. new sockets are refused and the listener closes;
 * 3. the update log is flushed, then sockets are closed so clients reconnect to another node,
 *    documents are stored and unloaded, and what arrived meanwhile is flushed too;
 * 4. persistence stops: the journal is released (removed when everything is committed, left
 *    for a survivor otherwise) and running compactions finish; then presence, Redis and the
 *    database are closed.
 * Every step is bounded by the shutdown timeout; what could not be written is logged with its
 * size (and stays in the Redis journal for a survivor).
 */

import type { Within } from './persistence/NodePersistence.ts'
import type { WeftNode } from './WeftNode.ts'

export async function shutdownNode({
  node,
  timeoutMs,
  unreadyMs,
  stopAccepting,
}: {
  node: WeftNode
  timeoutMs: number
  unreadyMs: number
  stopAccepting: () => void
}) {
  const { logger, readiness, hocuspocus, httpServer, persistence, database } = node
  const deadline = Date.now() + timeoutMs
  const remaining = () => Math.max(0, deadline - Date.now())
  const within: Within = (work) =>
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

  await within(persistence.flush())
  hocuspocus.closeConnections()
  hocuspocus.flushPendingStores()
  await within(waitForUnload(node))
  const flushed = await within(persistence.flush())
  if (!flushed)
    logger.error(
      { unwritten: persistence.pendingCount },
      'shutdown timed out before the update log was flushed; the Redis journal keeps the rest for a survivor',
    )
  await persistence.stop(within)
  await node.presence.stop(remaining())
  // The fan-out's two connections are closed by its onDestroy below.
  node.redis?.command.disconnect()
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
