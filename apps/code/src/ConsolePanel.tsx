import type { ConsoleEntry } from './previewConsole.ts'

/** What the preview logged, below it (both previews use it). */
export function ConsolePanel({
  entries,
  onClear,
}: {
  entries: ConsoleEntry[]
  onClear: () => void
}) {
  return (
    <section className="preview-console" aria-labelledby="console-heading">
      <div className="console-bar">
        <h2 id="console-heading">Console</h2>
        <button type="button" onClick={onClear} disabled={entries.length === 0}>
          Clear
        </button>
      </div>
      <ol data-testid="preview-console" aria-live="off">
        {entries.map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries only grow at the end until cleared
          <li key={i} className={`console-${e.level}`} data-level={e.level}>
            {e.text}
          </li>
        ))}
      </ol>
    </section>
  )
}
