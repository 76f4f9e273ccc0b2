import type { ConnectionState } from '@weft/client'

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const

/** Link state of the shared socket, and edits (over every open document) not yet saved. */
export function ConnectionBadge({ state, pending }: { state: ConnectionState; pending: number }) {
  const suffix =
    pending > 0 && state !== 'connected'
      ? ` — ${pending} edit${pending === 1 ? '' : 's'} not yet saved`
      : ''
  return (
    <span
      className={`status ${state}`}
      data-testid="connection-status"
      data-state={state}
      data-pending={pending}
      title={
        state === 'connected'
          ? 'Edits reach everyone'
          : 'Keep editing: changes are kept here and sent when the connection returns'
      }
    >
      {LABELS[state]}
      {suffix}
    </span>
  )
}
