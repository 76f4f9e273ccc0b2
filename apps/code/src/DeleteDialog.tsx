import { useEffect, useRef } from 'react'

type Props = {
  /** What is about to be deleted ("src/Counter.jsx"), or null when nothing is asked. */
  path: string | null
  folder: boolean
  onConfirm: () => void
  onCancel: () => void
}

/**
 * "Delete Counter.jsx?": a modal dialog before anything is deleted. Escape or Cancel keeps the
 * file; the browser returns focus to where it was. Says where a deleted file goes, so the
 * choice is not frightening: the project's trash, from which anyone can restore it.
 */
export function DeleteDialog({ path, folder, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (path && !d.open) d.showModal()
    else if (!path && d.open) d.close()
  }, [path])
  const name = path?.slice(path.lastIndexOf('/') + 1) ?? ''
  return (
    <dialog
      ref={ref}
      className="delete-dialog"
      aria-labelledby="delete-heading"
      data-testid="delete-dialog"
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
        <h2 id="delete-heading">Delete {name}?</h2>
        <p>
          {folder ? `${path}/ and everything in it` : path} goes to the project's trash. Anyone in
          the project can restore it from there, and Ctrl+Z brings it back now.
        </p>
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
