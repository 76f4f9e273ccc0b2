import type { Author, GridModel } from '@weft/grid-model'
import { useCallback, useState } from 'react'
import { commitText, editableText } from './editing.ts'
import type { Selection } from './selection.ts'

/** The cell being edited: `initial` is the editor's text, `replace` when typing started it. */
export type Editing = { rowId: string; colId: string; initial: string; replace: boolean }

type Options = {
  model: GridModel
  author: Author
  selection: Selection | null
  /** After an edit ends: the grid takes focus back, and Enter/Tab move on by `then`. */
  onFinished: (then?: [number, number]) => void
}

/** One cell editor at a time: started on the active cell or any cell, committed or cancelled. */
export function useCellEditing({ model, author, selection, onFinished }: Options) {
  const [editing, setEditing] = useState<Editing | null>(null)

  const editCell = useCallback(
    (rowId: string, colId: string, initial?: string) =>
      setEditing({
        rowId,
        colId,
        initial: initial ?? editableText(model, rowId, colId),
        replace: initial !== undefined,
      }),
    [model],
  )

  /** F2, Enter or typing on the active cell (typing replaces its content). */
  const startEdit = useCallback(
    (initial?: string) => {
      if (selection) editCell(selection.focus.rowId, selection.focus.colId, initial)
    },
    [selection, editCell],
  )

  /** `text` null cancels. */
  const finishEdit = useCallback(
    (text: string | null, then?: [number, number]) => {
      if (editing && text !== null) commitText(model, author, editing.rowId, editing.colId, text)
      setEditing(null)
      onFinished(then)
    },
    [editing, model, author, onFinished],
  )

  return { editing, editCell, startEdit, finishEdit }
}
