/**
 * Drill clients: real Hocuspocus providers that type steadily into one Y.Text (each edit
 * appends a unique token at the end, so every later edit depends on the earlier ones, the
 * hardest case for a lost update) through a stand-in load balancer: when a client's socket
 * closes it reconnects to the next node whose process is running, as a Service would route it.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import type { ServerNode } from './serverNode.ts'
import { waitFor } from './waitFor.ts'

export interface Typist {
  name: string
  doc: Y.Doc
  provider: HocuspocusProvider
  /** Tokens this typist typed, in order. */
  typed: string[]
  /** Node ids this typist's socket was opened to, in order. */
  route: string[]
  /** Close codes its socket saw. */
  closeCodes: number[]
  /** Types one more token now; returns it. */
  typeOne(): string
  text(): string
  destroy(): void
}

export interface TypingCrowd {
  typists: Typist[]
  /** Starts typing every `intervalMs` on every typist. */
  start(intervalMs?: number): void
  stop(): void
  /** Every token any typist typed. */
  allTyped(): string[]
  /** Resolves when every typist is synced and each one's text holds every typed token. */
  converged(timeoutMs?: number): Promise<void>
  destroy(): void
}

export function missingTokens(text: string, tokens: readonly string[]): string[] {
  return tokens.filter((token) => !text.includes(token))
}

/** One typist whose sockets go to `nodes[preferred]`, or the next running node. */
export function startTypist(
  nodes: readonly ServerNode[],
  preferred: number,
  documentName: string,
  name: string,
): Typist {
  const doc = new Y.Doc()
  const typed: string[] = []
  const route: string[] = []
  const closeCodes: number[] = []
  class Balanced extends WebSocket {
    constructor(_url: string, protocols?: string | string[]) {
      const node =
        [...nodes.keys()]
          .map((offset) => nodes[(preferred + offset) % nodes.length] as ServerNode)
          .find((candidate) => candidate.process.running) ?? (nodes[preferred] as ServerNode)
      route.push(node.nodeId)
      super(`${node.wsUrl}/collab`, protocols)
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: 'ws://balanced/collab',
    WebSocketPolyfill: Balanced,
    delay: 100,
    minDelay: 100,
    maxDelay: 1_000,
    factor: 1.5,
  })
  socket.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code))
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: documentName,
    document: doc,
  })
  provider.attach()
  const text = doc.getText('text')
  let count = 0
  return {
    name,
    doc,
    provider,
    typed,
    route,
    closeCodes,
    typeOne() {
      const token = `<${name}.${++count}>`
      text.insert(text.length, token)
      typed.push(token)
      return token
    },
    text: () => text.toString(),
    destroy() {
      provider.destroy()
      socket.destroy()
    },
  }
}

export function typingCrowd(
  nodes: readonly ServerNode[],
  documentName: string,
  count = 4,
): TypingCrowd {
  const typists = Array.from({ length: count }, (_, i) =>
    startTypist(nodes, i % nodes.length, documentName, `t${i}`),
  )
  let timer: NodeJS.Timeout | null = null
  const crowd: TypingCrowd = {
    typists,
    start(intervalMs = 50) {
      crowd.stop()
      timer = setInterval(() => {
        for (const typist of typists) typist.typeOne()
      }, intervalMs)
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = null
    },
    allTyped: () => typists.flatMap((typist) => typist.typed),
    async converged(timeoutMs = 60_000) {
      const all = crowd.allTyped()
      await waitFor(
        'every typist synced and holding every typed token',
        () =>
          typists.every(
            (typist) =>
              typist.provider.isSynced &&
              typist.provider.unsyncedChanges === 0 &&
              missingTokens(typist.text(), all).length === 0,
          ),
        { timeoutMs, intervalMs: 100 },
      ).catch((error: Error) => {
        const report = typists
          .map(
            (typist) =>
              `${typist.name}: synced=${typist.provider.isSynced} unsynced=${typist.provider.unsyncedChanges} missing=${missingTokens(typist.text(), all).length} route=${typist.route.join('>')}`,
          )
          .join('; ')
        throw new Error(`${error.message}: ${report}`)
      })
    },
    destroy() {
      crowd.stop()
      for (const typist of typists) typist.destroy()
    },
  }
  return crowd
}
