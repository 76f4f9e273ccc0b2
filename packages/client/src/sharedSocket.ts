import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import * as Y from 'yjs'
import { collabUrl } from './createProvider.ts'
import type { Identity } from './identity.ts'

/**
 * One WebSocket to `/collab` that several documents share (an app with a project document and
 * one document per open file). Destroy it after the providers attached to it.
 */
export function createSharedSocket(url: string = collabUrl()): HocuspocusProviderWebsocket {
  return new HocuspocusProviderWebsocket({ url })
}

export type AttachedProviderOptions = {
  socket: HocuspocusProviderWebsocket
  documentName: string
  token: string
  identity: Identity
  doc?: Y.Doc
}

/**
 * A provider for one document over a shared socket, with the user's identity in awareness like
 * createProvider. A provider given a socket does not attach itself: attaching is what makes it
 * join the connection (and rejoin after a reconnect). `destroy()` detaches it and leaves the
 * socket open for the others.
 */
export function createAttachedProvider(options: AttachedProviderOptions): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    websocketProvider: options.socket,
    name: options.documentName,
    document: options.doc ?? new Y.Doc(),
    token: options.token,
  })
  provider.attach()
  provider.setAwarenessField('user', options.identity)
  return provider
}
