/**
 * Update-log rows for tests: each update as a row of `documentName` written by no user on node
 * `test`, keyed `<documentName>:<keyPrefix><firstIndex + i>` so keys stay unique across calls.
 */
import type { LoggedUpdate } from '../src/updateLog.ts'

export function anonymousRows(
  documentName: string,
  updates: readonly Uint8Array[],
  { keyPrefix = '', firstIndex = 0 }: { keyPrefix?: string; firstIndex?: number } = {},
): LoggedUpdate[] {
  return updates.map((update, i) => ({
    documentName,
    updateKey: `${documentName}:${keyPrefix}${firstIndex + i}`,
    update,
    userId: null,
    userName: null,
    nodeId: 'test',
    receivedAt: new Date(),
  }))
}
