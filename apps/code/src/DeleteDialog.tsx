import { ConfirmDeleteDialog } from '@weft/react'

type Props = {
  /** What is about to be deleted ("src/Counter.jsx"), or null when nothing is asked. */
  path: string | null
  folder: boolean
  onConfirm: () => void
  onCancel: () => void
}

/** "Delete Counter.jsx?", saying where a deleted file goes: the project's trash. */
export function DeleteDialog({ path, folder, onConfirm, onCancel }: Props) {
  const name = path?.slice(path.lastIndexOf('/') + 1) ?? ''
  return (
    <ConfirmDeleteDialog
      open={Boolean(path)}
      title={`Delete ${name}?`}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="delete-dialog"
    >
      {folder ? `${path}/ and everything in it` : path} goes to the project's trash. Anyone in the
      project can restore it from there, and Ctrl+Z brings it back now.
    </ConfirmDeleteDialog>
  )
}
