import type { HocuspocusProvider } from '@hocuspocus/provider'
import { createProvider } from './createProvider.ts'
import { holdIncomingMessages } from './heldMessages.ts'
import type { Identity } from './identity.ts'

/**
 * A provider made before the page's UI mounts, so that its WebSocket opens (and the node loads
 * and sends the document) while the page still fetches what it paints first; what the node sends
 * is held until `release()` (heldMessages.ts). The UI `take`s it once, if it asks for the same
 * document with the same token; a page that will not open the document `discard`s it.
 */
export type PreparedProvider = {
  /** The provider, the first time it is asked for with the name and token it was made with. */
  take: (documentName: string, token: string) => HocuspocusProvider | null
  /** Applies what the node sent so far, and from now on at once. */
  release: () => void
  /** Closes it unless taken (the page will not open the document). */
  discard: () => void
}

export function prepareProvider(options: {
  documentName: string
  token: string
  identity: Identity
}): PreparedProvider {
  const hold = holdIncomingMessages()
  let provider: HocuspocusProvider | null = createProvider({
    ...options,
    WebSocketPolyfill: hold.WebSocket,
  })
  const discard = () => {
    if (!provider) return
    provider.destroy()
    provider.document.destroy()
    provider = null
  }
  return {
    take: (documentName, token) => {
      if (documentName !== options.documentName || token !== options.token) discard()
      if (!provider) return null
      const taken = provider
      provider = null
      return taken
    },
    release: hold.release,
    discard,
  }
}
