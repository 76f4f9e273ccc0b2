import { useState } from 'react'

type Props = {
  /** The selected cell's content as the user typed it (formulas in A1), or the open editor's text. */
  value: string
  address: string
  disabled: boolean
  /** View only: the content is shown as text, not in a field one could type in. */
  readOnly?: boolean
  /** Enter or leaving the bar: the text is written to the selected cell. */
  onCommit: (text: string) => void
  /** Enter or Esc: focus goes back to the sheet. */
  onLeave: () => void
}

/**
 * The formula bar: shows the selected cell's raw content and edits it, as in Sheets. While it has
 * focus it keeps its own draft, so a remote edit of the cell does not jump under the caret.
 */
export function FormulaBar(props: Props) {
  const [draft, setDraft] = useState<string | null>(null)
  const leave = (commit: boolean) => {
    if (draft !== null && commit) props.onCommit(draft)
    setDraft(null)
    props.onLeave()
  }
  if (props.readOnly)
    return (
      <span className="raw" data-testid="raw-value" title={props.value}>
        {props.value}
      </span>
    )
  return (
    <input
      className="raw"
      data-testid="raw-value"
      aria-label={props.address ? `Content of ${props.address}` : 'Cell content'}
      disabled={props.disabled}
      value={draft ?? props.value}
      spellCheck={false}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') leave(true)
        else if (e.key === 'Escape') leave(false)
        else return
        e.preventDefault()
      }}
      onBlur={() => {
        if (draft !== null) props.onCommit(draft)
        setDraft(null)
      }}
    />
  )
}
