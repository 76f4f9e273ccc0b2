import type { MissingImport } from './bundle/missingImports.ts'

/** One line per missing import, for a title or a screen reader. */
export function missingText(m: MissingImport): string {
  return m.trashId
    ? `imports ${m.spec}, which was deleted (${m.trashPath} is in the trash)`
    : `imports ${m.spec}, which is not in the project`
}

/** Importing file path → what it misses, for the tree's and the tabs' warning marks. */
export function warningsByFile(missing: readonly MissingImport[]): Map<string, string> {
  const out = new Map<string, string>()
  for (const m of missing) {
    const line = missingText(m)
    out.set(m.importer, out.has(m.importer) ? `${out.get(m.importer)}; ${line}` : line)
  }
  return out
}

/** The small ⚠ after a file's name in the tree or its tab. */
export function WarningMark({ text }: { text: string | undefined }) {
  if (!text) return null
  return (
    <span className="file-warning" data-testid="missing-import-mark" title={text}>
      <span aria-hidden="true">⚠</span>
      <span className="visually-hidden">, {text}</span>
    </span>
  )
}

/**
 * Above the editor of a file that imports deleted files: which, and a button to restore each
 * from the trash (anyone may have deleted it, on any node).
 */
export function MissingImportsBar({
  path,
  missing,
  onRestore,
  readOnly,
}: {
  path: string
  missing: readonly MissingImport[]
  onRestore: (trashId: string) => void
  readOnly: boolean
}) {
  const mine = missing.filter((m) => m.importer === path)
  if (mine.length === 0) return null
  return (
    <div className="missing-imports" role="status" data-testid="missing-imports">
      {mine.map((m) => (
        <p key={m.spec}>
          <strong>{path}</strong> {missingText(m)}.
          {m.trashId && !readOnly && (
            <button type="button" onClick={() => onRestore(m.trashId as string)}>
              Restore {m.trashPath}
            </button>
          )}
        </p>
      ))}
    </div>
  )
}
