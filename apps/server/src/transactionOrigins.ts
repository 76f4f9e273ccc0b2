/**
 * Where a document change came from, read from its Yjs transaction origin. A change from Redis
 * is another node's client's: that node logs it and publishes it, this one only applies it.
 */
import { isTransactionOrigin } from '@hocuspocus/server'

export function isFromRedis(transactionOrigin: unknown): boolean {
  return isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'redis'
}

export function isFromConnection(transactionOrigin: unknown): boolean {
  return isTransactionOrigin(transactionOrigin) && transactionOrigin.source === 'connection'
}
