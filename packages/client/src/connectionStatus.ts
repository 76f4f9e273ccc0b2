import type { HocuspocusProvider } from '@hocuspocus/provider'
import { closeReasonInWords, UNREACHABLE_WORDS } from '@weft/protocol/closeCodes'

/**
 * What the user is told about the link to the server:
 * - connecting: first connection not yet synced
 * - connected: synced; edits reach others
 * - reconnecting: was connected, the socket dropped, retrying
 * - offline: the browser says there is no network
 * `pendingEdits` counts local changes the server has not yet acknowledged;
 * they are kept in the document and sent on reconnect. `problem` says in words why the server
 * closed the link (a refused token, "too many open tabs", …) until the next successful sync.
 */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline'
export type ConnectionStatus = { state: ConnectionState; pendingEdits: number; problem?: string }

export type StatusInputs = {
  socket: 'connecting' | 'connected' | 'disconnected'
  synced: boolean
  everSynced: boolean
  unsyncedChanges: number
  online: boolean
  /** The words for the server's last close code, if it was a refusal or a limit. */
  problem?: string
}

export function deriveStatus(i: StatusInputs): ConnectionStatus {
  const pendingEdits = i.unsyncedChanges
  if (!i.online) return { state: 'offline', pendingEdits }
  if (i.socket === 'connected' && i.synced) return { state: 'connected', pendingEdits }
  const state = i.everSynced ? 'reconnecting' : 'connecting'
  return i.problem ? { state, pendingEdits, problem: i.problem } : { state, pendingEdits }
}

/** Calls `onChange` with the current status now and on every change; returns an unsubscribe. */
export function watchConnectionStatus(
  provider: HocuspocusProvider,
  onChange: (status: ConnectionStatus) => void,
  win: Pick<Window, 'addEventListener' | 'removeEventListener' | 'navigator'> = window,
): () => void {
  const inputs: StatusInputs = {
    socket: provider.configuration.websocketProvider.status as StatusInputs['socket'],
    synced: provider.isSynced,
    everSynced: provider.isSynced,
    unsyncedChanges: provider.unsyncedChanges,
    online: win.navigator.onLine,
  }
  let last = ''
  const emit = () => {
    inputs.unsyncedChanges = provider.unsyncedChanges
    inputs.synced = provider.isSynced
    if (inputs.synced) {
      inputs.everSynced = true
      inputs.problem = undefined
    }
    const status = deriveStatus(inputs)
    const key = `${status.state}:${status.pendingEdits}:${status.problem ?? ''}`
    if (key === last) return
    last = key
    onChange(status)
  }
  // Whether the socket opened since its last close: a close without an open is a server that
  // cannot be reached (nothing listening, DNS, a proxy refusing), not a dropped link.
  let opened = inputs.socket === 'connected'
  const onStatus = ({ status }: { status: string }) => {
    inputs.socket = status as StatusInputs['socket']
    if (status === 'connected') opened = true
    emit()
  }
  const onClose = ({ event }: { event: { code: number } }) => {
    inputs.problem = closeReasonInWords(event.code) ?? (opened ? undefined : UNREACHABLE_WORDS)
    opened = false
    emit()
  }
  const onOnline = () => {
    inputs.online = true
    emit()
  }
  const onOffline = () => {
    inputs.online = false
    emit()
  }
  provider.on('status', onStatus)
  provider.on('close', onClose)
  provider.on('synced', emit)
  provider.on('unsyncedChanges', emit)
  win.addEventListener('online', onOnline)
  win.addEventListener('offline', onOffline)
  emit()
  return () => {
    provider.off('status', onStatus)
    provider.off('close', onClose)
    provider.off('synced', emit)
    provider.off('unsyncedChanges', emit)
    win.removeEventListener('online', onOnline)
    win.removeEventListener('offline', onOffline)
  }
}
