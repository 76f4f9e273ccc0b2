import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { createAttachedProvider, createSharedSocket, type Identity } from '@weft/client'

type Held = {
  provider: HocuspocusProvider
  refs: number
  closeTimer: ReturnType<typeof setTimeout> | null
}

/**
 * The documents this tab has open (the project and the files in tabs, the preview or a zip
 * download), all over one WebSocket. Each is reference counted; a document nobody uses is closed
 * after a short grace period, so switching tabs back and forth does not reload it, and the server
 * can unload files nobody has open.
 */
export class DocPool {
  readonly socket: HocuspocusProviderWebsocket
  private readonly held = new Map<string, Held>()
  private readonly listeners = new Set<() => void>()
  private identity: Identity
  private readonly token: string

  constructor(token: string, identity: Identity, url?: string) {
    this.socket = createSharedSocket(url)
    this.token = token
    this.identity = identity
  }

  acquire(documentName: string): HocuspocusProvider {
    let h = this.held.get(documentName)
    if (!h) {
      const provider = createAttachedProvider({
        socket: this.socket,
        documentName,
        token: this.token,
        identity: this.identity,
      })
      provider.on('unsyncedChanges', this.emit)
      provider.on('synced', this.emit)
      h = { provider, refs: 0, closeTimer: null }
      this.held.set(documentName, h)
      this.emit()
    }
    if (h.closeTimer) clearTimeout(h.closeTimer)
    h.closeTimer = null
    h.refs++
    return h.provider
  }

  release(documentName: string): void {
    const h = this.held.get(documentName)
    if (!h) return
    h.refs--
    if (h.refs > 0) return
    const close = () => {
      if (h.refs > 0) return
      // Keep a document with unsent edits (offline) until they are acknowledged.
      if (h.provider.hasUnsyncedChanges) {
        h.closeTimer = setTimeout(close, 5_000)
        return
      }
      this.held.delete(documentName)
      h.provider.destroy()
      h.provider.document.destroy()
      this.emit()
    }
    h.closeTimer = setTimeout(close, 5_000)
  }

  setIdentity(identity: Identity): void {
    this.identity = identity
    for (const h of this.held.values()) h.provider.setAwarenessField('user', identity)
  }

  /** Local edits not yet acknowledged by the server, over every open document. */
  pendingEdits(): number {
    let n = 0
    for (const h of this.held.values()) n += h.provider.unsyncedChanges
    return n
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private readonly emit = () => {
    for (const l of this.listeners) l()
  }

  destroy(): void {
    for (const h of this.held.values()) {
      if (h.closeTimer) clearTimeout(h.closeTimer)
      h.provider.destroy()
      h.provider.document.destroy()
    }
    this.held.clear()
    this.socket.destroy()
  }
}

/** Resolves once the provider has synced with the server (immediately if it has). */
export function whenSynced(provider: HocuspocusProvider): Promise<void> {
  if (provider.isSynced) return Promise.resolve()
  return new Promise((resolve) => {
    const on = ({ state }: { state: boolean }) => {
      if (!state) return
      provider.off('synced', on)
      resolve()
    }
    provider.on('synced', on)
  })
}

/** Resolves once every local edit of the provider has been acknowledged. */
export function whenSaved(provider: HocuspocusProvider): Promise<void> {
  if (!provider.hasUnsyncedChanges) return Promise.resolve()
  return new Promise((resolve) => {
    const on = () => {
      if (provider.hasUnsyncedChanges) return
      provider.off('unsyncedChanges', on)
      resolve()
    }
    provider.on('unsyncedChanges', on)
  })
}
