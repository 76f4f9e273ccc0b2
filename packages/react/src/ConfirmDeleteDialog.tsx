import { type ReactNode, useEffect, useId, useRef } from 'react'

type Props = {
  /** Open while something is about to be deleted. */
  open: boolean
  /** The question, e.g. "Delete Counter.jsx?". */
  title: string
  /** Where the deleted thing goes and how to get it back, so the choice is not frightening. */
  children: ReactNode
  onConfirm: () => void
  onCancel: () => void
  /** The dialog's data-testid. */
  testId: string
}

/**
 * The modal question before a delete (a Code file, a Grid sheet): Escape or Cancel keeps it and
 * the browser returns focus to where it was; Delete confirms.
 */
export function ConfirmDeleteDialog({ open, title, children, onConfirm, onCancel, testId }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  const headingId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    else if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="delete-dialog"
      aria-labelledby={headingId}
      data-testid={testId}
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
        <h2 id={headingId}>{title}</h2>
        <p>{children}</p>
        <div className="dialog-buttons">
          <button type="submit" value="cancel">
            Cancel
          </button>
          <button type="submit" value="delete" className="danger" data-testid="confirm-delete">
            Delete
          </button>
        </div>
      </form>
    </dialog>
  )
}
