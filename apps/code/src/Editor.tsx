import { Compartment, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { applySeed, fileDocName, fileText } from '@weft/code-model'
import { useSynced } from '@weft/react'
import { useEffect, useRef } from 'react'
import { yCollab } from 'y-codemirror.next'
import type * as Y from 'yjs'
import type { DocPool } from './DocPool.ts'
import { editorBasics } from './editorExtensions.ts'
import { languageFor } from './languages.ts'
import { EDITOR_PANEL, tabDomId } from './Tabs.tsx'
import { undoManagerFor } from './undoManagers.ts'
import { useAcquired } from './useAcquired.ts'

type Props = {
  pool: DocPool
  projectId: string
  fileId: string
  name: string
  seed: string | undefined
  /** The Y.Text and view bound to the editor, once they are (null when they go). */
  onText: (bound: { text: Y.Text; view: EditorView } | null) => void
  /** View only: the text can be read, selected and copied, not changed. */
  readOnly?: boolean
}

/** One file in CodeMirror, bound to its own Yjs document with remote cursors and per-user undo. */
export function Editor({ pool, projectId, fileId, name, seed, onText, readOnly = false }: Props) {
  const provider = useAcquired(pool, fileDocName(projectId, fileId))
  const synced = useSynced(provider)
  const parent = useRef<HTMLDivElement>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the name's extension decides the language
  useEffect(() => {
    if (!provider || !parent.current) return
    const text = fileText(provider.document)
    // Idempotent, so it can run before the first sync (or offline, for a file created offline):
    // the first opener creates the content, later ones change nothing.
    if (seed && !readOnly) applySeed(provider.document, seed)
    // The language pack loads on its own (languages.ts); the text is editable before it arrives.
    const language = new Compartment()
    const view = new EditorView({
      parent: parent.current,
      state: EditorState.create({
        doc: text.toString(),
        extensions: [
          editorBasics,
          language.of([]),
          // A name for the text field, and how to leave it: Tab indents, so Escape then Tab
          // (CodeMirror's tab-focus mode) moves on.
          EditorView.contentAttributes.of({
            'aria-label': `Code of ${name}`,
            'aria-describedby': 'editor-keys',
          }),
          yCollab(text, provider.awareness, { undoManager: undoManagerFor(text) }),
          ...(readOnly ? [EditorState.readOnly.of(true), EditorView.editable.of(false)] : []),
        ],
      }),
    })
    onText({ text, view })
    let live = true
    void languageFor(name).then((extension) => {
      if (live) view.dispatch({ effects: language.reconfigure(extension) })
    })
    return () => {
      live = false
      onText(null)
      view.destroy()
    }
  }, [provider, name.slice(name.lastIndexOf('.')), readOnly])

  return (
    <div
      className="editor"
      role="tabpanel"
      id={EDITOR_PANEL}
      aria-labelledby={tabDomId(fileId)}
      data-testid="editor"
      data-file={fileId}
      data-ready={synced ? 'true' : 'false'}
    >
      <p id="editor-keys" className="visually-hidden">
        Tab indents. Press Escape, then Tab, to leave the editor.
      </p>
      {!synced && <div className="editor-sync">Not synced yet</div>}
      <div className="editor-host" ref={parent} />
    </div>
  )
}
