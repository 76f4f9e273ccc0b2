export type EntryKind = 'file' | 'folder'

/** One entry of `code.entries` as stored (see docs/document-models.md, Code). */
export type StoredEntry = {
  id: string
  kind: EntryKind
  /** The name its author gave it; the tree may show it with a " (2)" suffix. */
  name: string
  /** Containing folder id, or null for the project root. */
  parentId: string | null
  /** Creation time (ms), the tie-break that decides which of two same-named entries is renamed. */
  createdAt: number
  /** Tombstone: deleted entries stay, so a concurrent edit never resurrects half a file. */
  deleted: boolean
  /** Initial content of a file made from a template (applied idempotently to its document). */
  seed?: string
}

/** An entry as the tree shows it, after cycles, orphans and name clashes are resolved. */
export type TreeNode = {
  id: string
  kind: EntryKind
  /** Unique among its siblings. */
  name: string
  storedName: string
  /** Effective parent (null = root), which differs from the stored one for rescued entries. */
  parentId: string | null
  path: string
  depth: number
  /** Child ids, folders first, then by name. Empty for files. */
  children: string[]
  /** Shown at the root because its stored parent is deleted, missing, a file, or in a cycle. */
  rescued: boolean
  seed?: string
}

export type ProjectTree = {
  nodes: ReadonlyMap<string, TreeNode>
  root: readonly string[]
  byPath: ReadonlyMap<string, string>
  /** Every visible file, depth-first in display order. */
  files: readonly TreeNode[]
}

export type TemplateFile = { path: string; content: string }

export type TemplateInfo = {
  id: string
  name: string
  description: string
  /** The file opened first. */
  open: string
  /**
   * 'static': index.html + CSS + JS rendered directly in a sandboxed iframe. 'bundle': bundled
   * in the browser (esbuild, Vue and Svelte compilers) with the node's preview packages. None:
   * runs only after download (`run`).
   */
  preview?: 'static' | 'bundle'
  /** How to run it on one's own machine after "Download zip" (in the unzipped folder). */
  run: string
}

export type TemplateManifest = { version: number; templates: TemplateInfo[] }
