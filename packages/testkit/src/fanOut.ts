/**
 * Proof that fan-out carries edits between two nodes: a marker typed by one client reaches the
 * other. The Redis failover tests ask it before and after each failover.
 */
import { type TestClient, textOf } from './clients.ts'
import { waitFor } from './waitFor.ts'

export async function assertFanOutWorks(
  from: TestClient,
  to: TestClient,
  marker: string,
): Promise<void> {
  const text = from.doc.getText('text')
  text.insert(text.length, marker)
  await waitFor(`${marker} to reach the other node`, () => textOf(to).includes(marker), {
    timeoutMs: 60_000,
  })
}
