import { useEffect, useRef, useState } from 'react'
import { announce } from './announcer.ts'
import type { DocumentTitle } from './useDocumentTitle.ts'

type Props = {
  /** What the bar shows: the title, or the document's id while it has none. */
  shown: string
  /** The full document name, as the tooltip. */
  documentName: string
  title: DocumentTitle
  /** False for a reader: the title is shown, not editable. */
  editable?: boolean
}

/**
 * The document's title in the top bar, renamed in place as in Google Docs: a button showing it;
 * click or Enter turns it into a text field; Enter or leaving the field saves, Escape cancels.
 * The outcome is announced; a failure keeps the field open with the server's words.
 */
export function TitleEditor({ shown, documentName, title, editable = true }: Props) {
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const button = useRef<HTMLButtonElement>(null)
  const lastShown = useRef(shown)
  // Enter saves, then the field goes away and blurs: this makes that blur save nothing twice.
  const open = useRef(false)

  // Someone else's rename is read out, as any other change to what is on screen.
  useEffect(() => {
    if (lastShown.current !== shown && draft === null && !saving) announce(`Title is now ${shown}`)
    lastShown.current = shown
  }, [shown, draft, saving])

  const editing = draft !== null
  // The text is selected once, when the field opens, so typing replaces the old title.
  useEffect(() => {
    if (editing) input.current?.select()
  }, [editing])

  if (!editable) {
    return (
      <span className="doc-name doc-title" title={documentName} data-testid="doc-title">
        {shown}
      </span>
    )
  }

  const finish = async (save: boolean) => {
    if (draft === null || !open.current) return
    open.current = false
    const next = draft.trim()
    if (!save || next === (title.title ?? '')) {
      setDraft(null)
      setError(null)
      requestAnimationFrame(() => button.current?.focus())
      return
    }
    setSaving(true)
    try {
      await title.rename(next)
      setDraft(null)
      setError(null)
      announce(next ? `Renamed to ${next}` : 'Title cleared')
      requestAnimationFrame(() => button.current?.focus())
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e)
      open.current = true
      setError(message)
      announce(`Could not rename: ${message}`)
    } finally {
      setSaving(false)
    }
  }

  if (draft === null) {
    return (
      <button
        ref={button}
        type="button"
        className="doc-title"
        title={`${documentName}: click to rename`}
        aria-label={`Title: ${shown}. Rename`}
        data-testid="doc-title"
        onClick={() => {
          open.current = true
          setDraft(title.title ?? '')
        }}
      >
        {shown}
      </button>
    )
  }

  return (
    <span className="doc-title-edit">
      <input
        ref={input}
        className="doc-title-input"
        aria-label="Document title"
        aria-invalid={error !== null}
        aria-describedby={error ? 'doc-title-error' : undefined}
        data-testid="doc-title-input"
        value={draft}
        maxLength={200}
        disabled={saving}
        placeholder={shown}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            void finish(true)
          } else if (e.key === 'Escape') {
            e.preventDefault()
            void finish(false)
          }
        }}
        onBlur={() => void finish(true)}
      />
      {error && (
        <span id="doc-title-error" className="doc-title-error" role="alert">
          {error}
        </span>
      )}
    </span>
  )
}
