/**
 * Real Hocuspocus clients for tests and benchmarks: a provider on its own socket, with helpers
 * to wait for sync and read the outcome of authentication.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { waitFor } from './waitFor.ts'

export interface TestClient {
  doc: Y.Doc
  provider: HocuspocusProvider
  socket: HocuspocusProviderWebsocket
  /** Reasons the server gave for refusing authentication. */
  refusals: string[]
  /** Close codes the socket saw. */
  closeCodes: number[]
  synced(): Promise<void>
  destroy(): void
}

export function connectClient(baseWsUrl: string, documentName: string, token = ''): TestClient {
  const doc = new Y.Doc()
  const refusals: string[] = []
  const closeCodes: number[] = []
  const socket = new HocuspocusProviderWebsocket({
    url: `${baseWsUrl}/collab`,
    WebSocketPolyfill: WebSocket,
    // Tests that expect a refusal must not see the provider reconnect in a loop.
    maxAttempts: 1,
  })
  socket.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code))
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => refusals.push(reason),
  })
  provider.attach()
  return {
    doc,
    provider,
    socket,
    refusals,
    closeCodes,
    synced: async () => {
      await waitFor(
        `${documentName} synced`,
        () => provider.isSynced && provider.unsyncedChanges === 0,
      )
    },
    destroy() {
      // Closing a socket that is still connecting makes `ws` emit an error after the test is
      // over; nobody is listening for it any more, so it must not become an uncaught exception.
      const raw = (
        socket as unknown as { webSocket?: { on?: (event: string, listener: () => void) => void } }
      ).webSocket
      raw?.on?.('error', () => {})
      provider.destroy()
      socket.destroy()
    },
  }
}

/** The text of a Y.Text named `name` (tests and traces use "text"). */
export function textOf(client: TestClient, name = 'text'): string {
  return client.doc.getText(name).toString()
}
