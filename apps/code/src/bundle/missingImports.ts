import {
  candidatePaths,
  importSpecifiers,
  isProjectImport,
  joinProjectPath,
  resolveProjectImport,
  SCRIPT_FILE,
} from './projectImports.ts'

/** An import of a project file that is not there; `trashId` when the trash can bring it back. */
export type MissingImport = {
  /** The importing file's path. */
  importer: string
  /** As written in the import. */
  spec: string
  /** The path it meant (as written, resolved against the importer). */
  path: string
  /** The trash item (the file, or a folder holding it) that restores it. */
  trashId: string | null
  /** That item's path as deleted. */
  trashPath: string | null
}

type TrashEntry = { id: string; path: string; kind: 'file' | 'folder' }

/**
 * Every import, over the project's script files, of a project file that does not exist, each
 * matched with the newest trash item that holds a file it may mean (the trash lists newest first).
 */
export function missingImports(
  texts: ReadonlyMap<string, string>,
  exists: (path: string) => boolean,
  trash: readonly TrashEntry[],
): MissingImport[] {
  const out: MissingImport[] = []
  for (const [importer, text] of texts) {
    if (!SCRIPT_FILE.test(importer)) continue
    for (const spec of importSpecifiers(text)) {
      if (!isProjectImport(spec) || resolveProjectImport(importer, spec, exists)) continue
      const path = joinProjectPath(importer, spec)
      if (path === null) continue
      const candidates = candidatePaths(path)
      const item = trash.find((t) =>
        candidates.some((c) => (t.kind === 'file' ? c === t.path : c.startsWith(`${t.path}/`))),
      )
      out.push({ importer, spec, path, trashId: item?.id ?? null, trashPath: item?.path ?? null })
    }
  }
  return out
}
