import { fetchHistory, watchDocVersion } from '@weft/client'
import { type ActivityItem, type GridChange, quoteSheetName, replayHistory } from '@weft/grid-model'
import { useEffect, useRef, useState } from 'react'
import type * as Y from 'yjs'

type Props = { documentName: string; token: string; doc: Y.Doc; onClose: () => void }

/** "Sheet2!B3" once the document has more than one sheet, else "B3". */
function where(change: GridChange, withSheet: boolean): string {
  const ref = 'ref' in change ? change.ref : ''
  return withSheet && change.sheet ? `${quoteSheetName(change.sheet)}!${ref}` : ref
}

function describe(change: GridChange, withSheet: boolean): string {
  const inSheet = withSheet && change.sheet ? ` in ${change.sheet}` : ''
  switch (change.kind) {
    case 'sheet':
      if (change.action === 'renamed') return `renamed sheet “${change.from}” to “${change.sheet}”`
      return `${change.action} sheet “${change.sheet}”`
    case 'format':
      return `formatted ${change.cells} cell${change.cells === 1 ? '' : 's'}${inSheet}`
    case 'cell': {
      const ref = where(change, withSheet)
      if (change.to === '') return `cleared ${ref} (was “${change.from}”)`
      if (change.from === '') return `set ${ref} to “${change.to}”`
      return `changed ${ref} from “${change.from}” to “${change.to}”`
    }
    case 'column':
      return `set column ${where(change, withSheet)} ${change.field} from ${JSON.stringify(change.from ?? '')} to ${JSON.stringify(change.to)}`
    default: {
      const parts: string[] = []
      const noun = change.kind === 'rows' ? 'row' : 'column'
      const n = (k: number) => `${k} ${noun}${k === 1 ? '' : 's'}`
      if (change.inserted) parts.push(`inserted ${n(change.inserted)}`)
      if (change.deleted) parts.push(`deleted ${n(change.deleted)}`)
      if (change.moved) parts.push(`moved ${n(change.moved)}`)
      return parts.join(', ') + inSheet
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
  const [items, setItems] = useState<ActivityItem[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [stamp, setStamp] = useState(0)
  const loaded = useRef(false)

  // A refresh REFRESH_MS after the last change (at once while nothing is loaded yet); the
  // subscription's first call, right after opening, is the first load.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const stop = watchDocVersion(doc, () => {
      clearTimeout(timer)
      timer = setTimeout(() => setStamp((s) => s + 1), loaded.current ? REFRESH_MS : 0)
    })
    return () => {
      stop()
      clearTimeout(timer)
    }
  }, [doc])

  useEffect(() => {
    if (stamp === 0) return
    let cancelled = false
    fetchHistory(documentName, token, { limit: 1000 })
      .then((h) => {
        if (cancelled) return
        loaded.current = true
        setItems(replayHistory(h).reverse())
        setError(null)
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e))
      })
    return () => {
      cancelled = true
    }
  }, [stamp, documentName, token])

  // Sheet names are shown once there is more than one sheet to tell apart.
  const withSheet =
    new Set(items?.flatMap((item) => item.changes.map((c) => c.sheet)).filter(Boolean)).size > 1

  return (
    <aside className="activity" data-testid="activity-panel" aria-label="Activity">
      <div className="activity-head">
        <b>Activity</b>
        <button type="button" onClick={() => setStamp((s) => s + 1)}>
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
              <span className="who">{item.userName || item.userId}</span>{' '}
              {describe(change, withSheet)}
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
