/**
 * SIGTERM, in the order the durability model promises: readiness turns 503 first (the load
 * balancer stops sending new clients), new sockets are refused, the update log is flushed,
 * then sockets are closed so clients reconnect to another node, and what arrived meanwhile is
 * flushed too. Every step is bounded by the shutdown timeout; what could not be written is
 * logged with its size.
 */

import type { Compactor } from './persistence/Compactor.ts'
import type { WeftNode } from './WeftNode.ts'

export async function shutdownNode({
  node,
  compactor,
  timeoutMs,
}: {
  node: WeftNode
  compactor: Compactor
  timeoutMs: number
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
  logger.info('shutting down: readiness is 503, new sockets refused')
  httpServer.close()

  await within(writer.flush())
  hocuspocus.closeConnections()
  hocuspocus.flushPendingStores()
  await within(waitForUnload(node))
  await node.presence.stop(remaining())
  const flushed = await within(writer.flush())
  if (!flushed)
    logger.error(
      { unwritten: writer.pendingCount },
      'shutdown timed out before the update log was flushed',
    )
  await within(compactor.idle())
  compactor.stop()
  writer.stop()
  await hocuspocus.hooks('onDestroy', { instance: hocuspocus }).catch(() => {})
  httpServer.closeAllConnections()
  await database
    .close()
    .catch((error: unknown) => logger.warn({ err: error }, 'closing the database failed'))
  logger.info('shutdown complete')
}

async function waitForUnload(node: WeftNode) {
  while (node.hocuspocus.getDocumentsCount() > 0)
    await new Promise((resolve) => setTimeout(resolve, 20))
}
