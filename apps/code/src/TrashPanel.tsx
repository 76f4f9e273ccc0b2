import type { TrashItem } from '@weft/code-model'

type Props = { items: readonly TrashItem[]; onRestore: (id: string) => void }

const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' })

/** The project's trash: each delete anyone made, newest first, with who and when, to restore. */
export function TrashPanel({ items, onRestore }: Props) {
  return (
    <section className="trash" aria-labelledby="trash-heading" data-testid="trash">
      <h2 id="trash-heading">Trash</h2>
      {items.length === 0 ? (
        <p className="muted">Nothing deleted.</p>
      ) : (
        <ul>
          {items.map((t) => (
            <li key={t.id} data-testid="trash-item" data-path={t.path}>
              <span className="trash-path">
                {t.path}
                {t.kind === 'folder' ? '/' : ''}
              </span>
              <small className="muted">
                {t.deletedBy ? `${t.deletedBy}, ` : ''}
                {time.format(t.deletedAt)}
              </small>
              <button
                type="button"
                aria-label={`Restore ${t.path}`}
                onClick={() => onRestore(t.id)}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
