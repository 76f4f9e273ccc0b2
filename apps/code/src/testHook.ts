import type { EditorView } from '@codemirror/view'
import type { ProjectModel } from '@weft/code-model'
import type * as Y from 'yjs'
import type { DocPool } from './DocPool.ts'
import { projectFiles } from './downloadZip.ts'

export type Bound = { text: Y.Text; view: EditorView }

export type Patch = [pos: number, del: number, ins: string]

/**
 * `window.__codeTest`, for the e2e suite: what a test cannot do quickly through the keyboard
 * (replaying a long editing trace) goes through the same Y.Text the editor is bound to, so the
 * editor, the provider and the server all see ordinary local edits.
 */
export type CodeTestHook = {
  /** Applies each inner array as one transaction, patches in order like Array.splice. */
  applyToOpenFile: (txns: Patch[][]) => void
  openFileText: () => string | null
  /** What the editor shows (its CodeMirror state), to compare with the Y.Text. */
  editorText: () => string | null
  paths: () => string[]
  /** Every file's content by path, including files no tab has open. */
  contents: () => Promise<Record<string, string>>
}

export function installTestHook(
  pool: DocPool,
  projectId: string,
  model: ProjectModel,
  openBound: () => Bound | null,
): () => void {
  const hook: CodeTestHook = {
    applyToOpenFile(txns) {
      const text = openBound()?.text
      if (!text?.doc) throw new Error('no file is open')
      for (const patches of txns) {
        text.doc.transact(() => {
          for (const [pos, del, ins] of patches) {
            if (del > 0) text.delete(pos, del)
            if (ins) text.insert(pos, ins)
          }
        })
      }
    },
    openFileText: () => openBound()?.text.toString() ?? null,
    editorText: () => openBound()?.view.state.doc.toString() ?? null,
    paths: () => [...model.tree().byPath.keys()].sort(),
    contents: async () => Object.fromEntries(await projectFiles(pool, projectId, model.tree())),
  }
  const w = window as unknown as { __codeTest?: CodeTestHook }
  w.__codeTest = hook
  return () => {
    if (w.__codeTest === hook) delete w.__codeTest
  }
}
