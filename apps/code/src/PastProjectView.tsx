import { Compartment, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { restoreDocumentVersion } from '@weft/client'
import { fileDocName } from '@weft/code-model'
import { announce } from '@weft/react'
import { useEffect, useRef, useState } from 'react'
import { editorBasics } from './editorExtensions.ts'
import { languageFor } from './languages.ts'
import type { PastProject } from './pastProject.ts'

type Props = {
  project: PastProject
  projectId: string
  token: string
  /** Files that exist in the live project now: only those can be restored one by one. */
  liveFiles: ReadonlySet<string>
}

/**
 * A past version of the project, read-only: its files, and the chosen one in the editor (same
 * highlighting, no editing). A file that still exists can be restored alone, to its content at
 * that time, as a new change of its document.
 */
export function PastProjectView({ project, projectId, token, liveFiles }: Props) {
  const [chosen, setChosen] = useState(project.files[0]?.id ?? null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const file = project.files.find((f) => f.id === chosen) ?? null
  const host = useRef<HTMLDivElement>(null)

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path decides the language
  useEffect(() => {
    if (!file || !host.current) return
    // The language pack loads on its own (languages.ts), as in the editor.
    const language = new Compartment()
    const view = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: file.content,
        extensions: [
          editorBasics,
          language.of([]),
          EditorState.readOnly.of(true),
          EditorView.editable.of(false),
          EditorView.contentAttributes.of({
            'aria-label': `Code of ${file.path} in this version, read-only`,
            tabindex: '0',
          }),
        ],
      }),
    })
    let live = true
    void languageFor(file.path).then((extension) => {
      if (live) view.dispatch({ effects: language.reconfigure(extension) })
    })
    return () => {
      live = false
      view.destroy()
    }
  }, [file?.id, file?.content, file?.path])

  const restoreFile = async () => {
    if (!file?.version) return
    setBusy(true)
    setError(null)
    try {
      await restoreDocumentVersion(fileDocName(projectId, file.id), token, file.version)
      announce(`Restored ${file.path} from this version for everyone`)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="main past-project" data-testid="past-project">
      <nav className="past-files" aria-label="Files in this version">
        <ul>
          {project.files.map((f) => (
            <li key={f.id}>
              <button
                type="button"
                aria-current={f.id === chosen ? 'true' : undefined}
                className={f.id === chosen ? 'on' : ''}
                onClick={() => setChosen(f.id)}
              >
                {f.path}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="editor-pane" aria-label="File in this version">
        {file ? (
          <>
            <div className="past-file-head">
              <b>{file.path}</b>
              {file.version && liveFiles.has(file.id) && (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => void restoreFile()}
                  data-testid="restore-file"
                >
                  {busy ? 'Restoring…' : 'Restore this file'}
                </button>
              )}
              {error && (
                <span className="error" role="alert">
                  {error}
                </span>
              )}
            </div>
            <div className="editor" data-testid="past-editor" data-file={file.id}>
              <div className="editor-host" ref={host} />
            </div>
          </>
        ) : (
          <div className="empty muted">This version has no files.</div>
        )}
      </section>
    </div>
  )
}
