import { ConfirmDeleteDialog } from '@weft/react'

type Props = {
  /** The sheet about to be deleted, or null when nothing is asked. */
  name: string | null
  onConfirm: () => void
  onCancel: () => void
}

/** "Delete Sheet2?", saying that a deleted sheet can come back; focus returns to the tab. */
export function DeleteSheetDialog({ name, onConfirm, onCancel }: Props) {
  return (
    <ConfirmDeleteDialog
      open={name !== null}
      title={`Delete ${name ?? ''}?`}
      onConfirm={onConfirm}
      onCancel={onCancel}
      testId="delete-sheet-dialog"
    >
      The sheet disappears for everyone; formulas that use it show #REF!. Anyone can restore it from
      “Deleted sheets”, and Ctrl+Z brings it back now.
    </ConfirmDeleteDialog>
  )
}
