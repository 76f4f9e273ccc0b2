/**
 * Client helpers shared by scenarios: connect and wait, apply trace keystrokes, and a client of
 * either wire protocol (Hocuspocus's provider, or y-websocket's for @y/websocket-server), with
 * reconnects and fail-over to other nodes when asked for.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { Trace } from '@weft/testkit'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Protocol } from './fleets.ts'

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

/** A client of any fleet: one document on one socket. */
export interface BenchClient {
  doc: Y.Doc
  /** Synced with the server and nothing of ours unacknowledged (as far as the protocol says). */
  isSynced(): boolean
  /** Called on every change of isSynced() (after a reconnect too). */
  onSyncChange(listener: (synced: boolean) => void): void
  /** Which of the urls the current (or last) socket went to. */
  nodeIndex(): number
  /** Clears this client's awareness state: no presence, so no renewal every 15 s. */
  leaveAwareness(): void
  destroy(): void
}

export interface BenchClientOptions {
  /** Reconnect when the socket closes (default: no, as testkit's clients). */
  reconnect?: boolean
  /**
   * Published under awareness `user` before connecting, as every app does
   * (packages/client/createProvider.ts). Without it a provider's state is y-protocols' initial
   * `{}` at clock 0, which no receiver applies: its first renewal, 15 s later, is then the
   * state's first arrival, and a density run's idle window measured those arrivals instead of
   * renewals (docs/decisions/0185).
   */
  presence?: { name: string; color: string }
}

/**
 * Connects to `urls[0]`; each reconnect tries the next url in turn, as a load balancer would
 * route a client whose node went away (the providers themselves only know one url).
 */
export function connectBenchClient(
  protocol: Protocol,
  urls: string[],
  documentName: string,
  options: BenchClientOptions = {},
): BenchClient {
  let attempt = 0
  let current = 0
  class FailoverWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      current = attempt++ % urls.length
      const base = urls[0] as string
      super(url.replace(base, urls[current] as string), protocols)
      // Closing a socket that is still connecting makes ws emit an error nobody listens for.
      this.on('error', () => {})
    }
  }
  const doc = new Y.Doc()
  const listeners: ((synced: boolean) => void)[] = []
  const emit = (synced: boolean) => {
    for (const listener of listeners) listener(synced)
  }
  if (protocol === 'y-websocket') {
    const provider = new WebsocketProvider(urls[0] as string, documentName, doc, {
      WebSocketPolyfill: FailoverWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      ...(options.reconnect ? {} : { shouldReconnect: () => false }),
    })
    if (options.presence) provider.awareness.setLocalStateField('user', options.presence)
    provider.on('sync', (synced: boolean) => emit(synced))
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected') emit(false)
    })
    return {
      doc,
      isSynced: () => provider.synced && provider.wsconnected,
      onSyncChange: (listener) => listeners.push(listener),
      nodeIndex: () => current,
      leaveAwareness: () => provider.awareness.setLocalState(null),
      destroy: () => provider.destroy(),
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: `${urls[0]}/collab`,
    WebSocketPolyfill: FailoverWebSocket,
    ...(options.reconnect ? { delay: 500, minDelay: 250, maxDelay: 2_000 } : { maxAttempts: 1 }),
  })
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
  })
  if (options.presence) provider.setAwarenessField('user', options.presence)
  provider.on('synced', ({ state }: { state: boolean }) => emit(state))
  provider.on('unsyncedChanges', () => emit(provider.isSynced && provider.unsyncedChanges === 0))
  socket.on('disconnect', () => emit(false))
  provider.attach()
  return {
    doc,
    isSynced: () => provider.isSynced && provider.unsyncedChanges === 0,
    onSyncChange: (listener) => listeners.push(listener),
    nodeIndex: () => current,
    leaveAwareness: () => provider.awareness?.setLocalState(null),
    destroy() {
      provider.destroy()
      socket.destroy()
    },
  }
}

/** Resolves when the client is synced; rejects after `timeoutMs`. */
export function whenSynced(client: BenchClient, timeoutMs = 90_000): Promise<void> {
  if (client.isSynced()) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('not synced in time')), timeoutMs)
    client.onSyncChange(() => {
      if (!client.isSynced()) return
      clearTimeout(timer)
      resolve()
    })
  })
}
