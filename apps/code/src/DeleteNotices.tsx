import { announce } from '@weft/react'
import { useEffect, useRef } from 'react'

export type DeleteNotice = {
  key: number
  /** The trash item's id: what Undo/Restore brings back. */
  restoreId: string
  path: string
  /** Who deleted it; null when this user did. */
  by: string | null
  /** This user had one of its files open (their tab closed under them). */
  wasOpen: boolean
}

type Props = {
  items: DeleteNotice[]
  onRestore: (n: DeleteNotice) => void
  onDismiss: (key: number) => void
}

function message(n: DeleteNotice): string {
  if (!n.by) return `Deleted ${n.path}`
  if (n.wasOpen) return `${n.by} deleted ${n.path}, which you had open. Your edits are kept`
  return `${n.by} deleted ${n.path}`
}

/**
 * "Bob deleted Counter.jsx — Restore", "Deleted Counter.jsx — Undo": every delete is said, with
 * the way back next to it. Screen readers hear it through the page's live region; the notice
 * stays for the eye until dismissed or acted on.
 */
export function DeleteNotices({ items, onRestore, onDismiss }: Props) {
  const told = useRef(new Set<number>())
  useEffect(() => {
    for (const n of items) {
      if (told.current.has(n.key)) continue
      told.current.add(n.key)
      announce(`${message(n)}. ${n.by ? 'Restore' : 'Undo'} is in the notice.`)
    }
  }, [items])
  if (items.length === 0) return null
  return (
    <section className="toasts" aria-label="Deleted files">
      {items.map((n) => (
        <div key={n.key} className="toast" data-testid="delete-notice" data-path={n.path}>
          <span>{message(n)}.</span>
          <button type="button" data-testid="notice-restore" onClick={() => onRestore(n)}>
            {n.by ? 'Restore' : 'Undo'}
          </button>
          <button type="button" aria-label="Dismiss" onClick={() => onDismiss(n.key)}>
            ×
          </button>
        </div>
      ))}
    </section>
  )
}
