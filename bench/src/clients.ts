/** Client helpers shared by scenarios: connect and wait, and apply trace keystrokes. */
import { connectClient, type TestClient, type Trace, waitFor } from '@weft/testkit'
import type * as Y from 'yjs'

export async function connectSynced(wsUrl: string, documentName: string): Promise<TestClient> {
  const client = connectClient(wsUrl, documentName)
  // Longer than testkit's 20 s: a node busy with a backlog is slow to sync, and that is a result.
  await waitFor(
    `${documentName} synced`,
    () => client.provider.isSynced && client.provider.unsyncedChanges === 0,
    { timeoutMs: 90_000 },
  ).catch((error) => {
    client.destroy()
    throw error
  })
  return client
}

/** Applies one trace transaction as one Yjs transaction (one update on the wire). */
export function applyTxn(text: Y.Text, patches: Trace['txns'][number]['patches']): void {
  text.doc?.transact(() => {
    for (const [position, deleted, inserted] of patches) {
      if (deleted > 0) text.delete(position, deleted)
      if (inserted.length > 0) text.insert(position, inserted)
    }
  })
}

export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
