import { HocuspocusProvider } from '@hocuspocus/provider'
import * as Y from 'yjs'
import type { Identity } from './identity.ts'

export type CreateProviderOptions = {
  documentName: string
  token: string
  identity: Identity
  doc?: Y.Doc
  /** Defaults to ws(s)://<current host>/collab, the node that served the page. */
  url?: string
}

export function collabUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/collab`
}

/**
 * A provider for one document, with the user's identity published in
 * awareness under `user` so every app shows the same name and colour.
 */
export function createProvider(options: CreateProviderOptions): HocuspocusProvider {
  const provider = new HocuspocusProvider({
    url: options.url ?? collabUrl(),
    name: options.documentName,
    document: options.doc ?? new Y.Doc(),
    token: options.token,
  })
  provider.setAwarenessField('user', options.identity)
  return provider
}
