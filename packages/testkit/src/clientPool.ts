import { connectClient, type TestClient } from './clients.ts'
import type { Fleet } from './fleet.ts'

/**
 * Clients of a test file's fleet, destroyed together in `after`. The fleet is read lazily
 * because test files start it in `before`.
 */
export function clientPool(fleet: () => Pick<Fleet, 'nodes'>) {
  const clients: TestClient[] = []
  return {
    connect(nodeIndex: number, documentName: string, token = ''): TestClient {
      const node = fleet().nodes[nodeIndex]
      if (!node) throw new Error(`the fleet has no node ${nodeIndex}`)
      const client = connectClient(node.wsUrl, documentName, token)
      clients.push(client)
      return client
    },
    /** Adopts a client made elsewhere, so it is cleaned up too. */
    add(...more: TestClient[]) {
      clients.push(...more)
    },
    destroyAll() {
      for (const client of clients.splice(0)) client.destroy()
    },
  }
}
