import { useState } from 'react'

type Props = {
  initial: string
  onCommit: (name: string) => void
  /** `byKey`: Escape (focus goes back to the tree); otherwise focus left for somewhere else. */
  onCancel: (byKey: boolean) => void
}

/** The name field for new and renamed entries (inside its label): Enter commits, Escape cancels. */
export function NameInput({ initial, onCommit, onCancel }: Props) {
  const [value, setValue] = useState(initial)
  return (
    <input
      id="tree-name"
      className="tree-input"
      data-testid="name-input"
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to type a name
      autoFocus
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(value.trim())
        if (e.key === 'Escape') onCancel(true)
      }}
      onBlur={() => onCancel(false)}
    />
  )
}
