import { fetchHistory } from '@weft/client'
import { type GridChange, replayHistory } from '@weft/grid-model'
import { useRefreshingFetch } from '@weft/react'
import type * as Y from 'yjs'

type Props = { documentName: string; token: string; doc: Y.Doc; onClose: () => void }

function describe(change: GridChange): string {
  switch (change.kind) {
    case 'cell':
      if (change.to === '') return `cleared ${change.ref} (was “${change.from}”)`
      if (change.from === '') return `set ${change.ref} to “${change.to}”`
      return `changed ${change.ref} from “${change.from}” to “${change.to}”`
    case 'column':
      return `set column ${change.ref} ${change.field} from ${JSON.stringify(change.from ?? '')} to ${JSON.stringify(change.to)}`
    default: {
      const parts: string[] = []
      const noun = change.kind === 'rows' ? 'row' : 'column'
      const n = (k: number) => `${k} ${noun}${k === 1 ? '' : 's'}`
      if (change.inserted) parts.push(`inserted ${n(change.inserted)}`)
      if (change.deleted) parts.push(`deleted ${n(change.deleted)}`)
      if (change.moved) parts.push(`moved ${n(change.moved)}`)
      return parts.join(', ')
    }
  }
}

const REFRESH_MS = 3000

/**
 * The grid's edit history from the server's update log (so it includes edits
 * made before this user arrived), replayed and described cell by cell.
 * Refreshes shortly after the document changes while open.
 */
export function ActivityPanel({ documentName, token, doc, onClose }: Props) {
  const {
    data: items,
    error,
    refresh,
  } = useRefreshingFetch(doc, `${documentName}\n${token}`, REFRESH_MS, async () =>
    replayHistory(await fetchHistory(documentName, token, { limit: 1000 })).reverse(),
  )

  return (
    <aside className="activity" data-testid="activity-panel" aria-label="Activity">
      <div className="activity-head">
        <b>Activity</b>
        <button type="button" onClick={refresh}>
          Refresh
        </button>
        <button type="button" onClick={onClose} aria-label="Close activity">
          ×
        </button>
      </div>
      {error && <div className="error">History unavailable: {error}</div>}
      {items === null && !error && <div className="muted">Loading…</div>}
      {items?.length === 0 && <div className="muted">No edits yet.</div>}
      <ol>
        {items?.flatMap((item) =>
          item.changes.map((change, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a log entry's changes never reorder
            <li key={`${item.id}-${i}`} data-testid="activity-item">
              <span className="who">{item.userName || item.userId}</span> {describe(change)}
              <time dateTime={item.receivedAt} title={`${item.receivedAt} via ${item.nodeId}`}>
                {new Date(item.receivedAt).toLocaleTimeString()}
              </time>
            </li>
          )),
        )}
      </ol>
    </aside>
  )
}
