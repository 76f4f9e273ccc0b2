import { useEffect, useRef } from 'react'

type Props = {
  /** The sheet about to be deleted, or null when nothing is asked. */
  name: string | null
  onConfirm: () => void
  onCancel: () => void
}

/**
 * "Delete Sheet2?": a modal dialog before a tab goes. Says that a deleted sheet can come back,
 * so the choice is not frightening. Escape or Cancel keeps it; focus returns to the tab.
 */
export function DeleteSheetDialog({ name, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (name !== null && !d.open) d.showModal()
    else if (name === null && d.open) d.close()
  }, [name])
  return (
    <dialog
      ref={ref}
      className="delete-dialog"
      aria-labelledby="delete-sheet-heading"
      data-testid="delete-sheet-dialog"
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault()
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
          if (submitter?.value === 'delete') onConfirm()
          else onCancel()
        }}
      >
        <h2 id="delete-sheet-heading">Delete {name}?</h2>
        <p>
          The sheet disappears for everyone; formulas that use it show #REF!. Anyone can restore it
          from “Deleted sheets”, and Ctrl+Z brings it back now.
        </p>
        <div className="dialog-buttons">
          <button type="submit" value="cancel">
            Cancel
          </button>
          <button type="submit" value="delete" className="danger">
            Delete
          </button>
        </div>
      </form>
    </dialog>
  )
}
