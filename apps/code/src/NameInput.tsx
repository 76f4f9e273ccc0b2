import { useState } from 'react'

type Props = {
  initial: string
  depth: number
  onCommit: (name: string) => void
  onCancel: () => void
}

/** Inline name field for new and renamed entries: Enter commits, Escape cancels. */
export function NameInput({ initial, depth, onCommit, onCancel }: Props) {
  const [value, setValue] = useState(initial)
  return (
    <input
      className="tree-input"
      data-testid="name-input"
      style={{ marginLeft: 8 + depth * 14 }}
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to type a name
      autoFocus
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onCommit(value.trim())
        if (e.key === 'Escape') onCancel()
      }}
      onBlur={onCancel}
    />
  )
}
