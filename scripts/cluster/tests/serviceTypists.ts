// Users typing through the chart's Service: each one a real Hocuspocus provider on its own socket
// to ws://<ClusterIP>/collab, which kube-proxy spreads over the server pods. When a pod goes away
// the socket closes and the provider reconnects through the same Service address, as a browser
// behind an Ingress would. Each edit appends a unique token at the end of one Y.Text, so every
// later edit depends on the earlier ones (the hardest case for a lost update).
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { missingTokens } from '../../../packages/testkit/src/typists.ts'
import { waitFor } from '../../../packages/testkit/src/waitFor.ts'

export interface ServiceTypist {
  name: string
  doc: Y.Doc
  provider: HocuspocusProvider
  typed: string[]
  /** Close codes the socket saw (a deleted pod shows as 1006). */
  closeCodes: number[]
  text(): string
}

export interface ServiceCrowd {
  typists: ServiceTypist[]
  start(intervalMs?: number): void
  stop(): void
  allTyped(): string[]
  closes(): number
  /** Every typist synced with nothing pending, and holding every token anyone typed. */
  converged(timeoutMs?: number): Promise<void>
  destroy(): void
}

export function serviceTyping(
  wsUrl: string,
  documentName: string,
  token: string,
  count: number,
): ServiceCrowd {
  const sockets: HocuspocusProviderWebsocket[] = []
  const typists = Array.from({ length: count }, (_, i): ServiceTypist => {
    const name = `u${i}`
    const doc = new Y.Doc()
    const closeCodes: number[] = []
    const socket = new HocuspocusProviderWebsocket({
      url: wsUrl,
      WebSocketPolyfill: WebSocket,
      delay: 200,
      minDelay: 200,
      maxDelay: 2_000,
      factor: 1.5,
    })
    sockets.push(socket)
    socket.on('close', ({ event }: { event: { code: number } }) => closeCodes.push(event.code))
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token,
    })
    provider.attach()
    return {
      name,
      doc,
      provider,
      typed: [],
      closeCodes,
      text: () => doc.getText('text').toString(),
    }
  })
  let timer: NodeJS.Timeout | undefined
  const crowd: ServiceCrowd = {
    typists,
    start(intervalMs = 200) {
      crowd.stop()
      timer = setInterval(() => {
        for (const t of typists) {
          const word = `<${t.name}.${t.typed.length + 1}>`
          const text = t.doc.getText('text')
          text.insert(text.length, word)
          t.typed.push(word)
        }
      }, intervalMs)
    },
    stop() {
      if (timer) clearInterval(timer)
      timer = undefined
    },
    allTyped: () => typists.flatMap((t) => t.typed),
    closes: () => typists.reduce((sum, t) => sum + t.closeCodes.length, 0),
    async converged(timeoutMs = 120_000) {
      const all = crowd.allTyped()
      await waitFor(
        'every user synced and holding every typed word',
        () =>
          typists.every(
            (t) =>
              t.provider.isSynced &&
              t.provider.unsyncedChanges === 0 &&
              missingTokens(t.text(), all).length === 0,
          ),
        { timeoutMs, intervalMs: 250 },
      ).catch((error: Error) => {
        const report = typists
          .map(
            (t) =>
              `${t.name}: synced=${t.provider.isSynced} unsynced=${t.provider.unsyncedChanges} missing=${missingTokens(t.text(), all).length} closes=${t.closeCodes.join(',')}`,
          )
          .join('; ')
        throw new Error(`${error.message}: ${report}`)
      })
    },
    destroy() {
      crowd.stop()
      for (const t of typists) t.provider.destroy()
      for (const socket of sockets) socket.destroy()
    },
  }
  return crowd
}
