import type { ConnectionStatus } from '@weft/client'

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
} as const

/**
 * Link state and edits not yet saved (`pendingEdits`: of one document, or summed over every
 * document an app has open). `data-state` and `data-pending` are what the e2e suites read.
 */
export function ConnectionBadge({ status }: { status: ConnectionStatus }) {
  const pending =
    status.pendingEdits > 0 && status.state !== 'connected'
      ? ` — ${status.pendingEdits} edit${status.pendingEdits === 1 ? '' : 's'} not yet saved`
      : ''
  return (
    <span
      className={`status ${status.state}`}
      data-testid="connection-status"
      data-state={status.state}
      data-pending={status.pendingEdits}
      data-problem={status.problem}
      title={
        status.state === 'connected'
          ? 'Edits reach everyone'
          : 'Keep editing: changes are kept here and sent when the connection returns'
      }
    >
      {status.problem ? `Not connected: ${status.problem}` : LABELS[status.state]}
      {pending}
    </span>
  )
}
