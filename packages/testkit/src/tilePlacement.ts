/**
 * One tile placement on a Canvas tile board over the provider's stateless channel, resolved with
 * the server's answer: the tile limiter's tests on one Redis, Sentinel and Cluster all ask this.
 */
import { randomUUID } from 'node:crypto'
import type { TestClient } from './clients.ts'

export interface PlacementAnswer {
  ok: boolean
  reason?: string
}

export function placeTile(
  client: TestClient,
  row: number,
  col: number,
  colour = 2,
): Promise<PlacementAnswer> {
  const requestId = randomUUID()
  return new Promise((resolve) => {
    const onStateless = ({ payload }: { payload: string }) => {
      const answer = JSON.parse(payload) as PlacementAnswer & { requestId: string }
      if (answer.requestId !== requestId) return
      client.provider.off('stateless', onStateless)
      resolve({ ok: answer.ok, ...(answer.reason === undefined ? {} : { reason: answer.reason }) })
    }
    client.provider.on('stateless', onStateless)
    client.provider.sendStateless(
      JSON.stringify({ type: 'tile.place', requestId, row, col, colour }),
    )
  })
}
