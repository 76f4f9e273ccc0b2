import type { CanvasModel, Shape, ShapeStyle } from '@weft/canvas-model'
import { announce } from '@weft/react'
import { type ReactNode, type RefObject, useEffect, useState } from 'react'
import { describeShape } from './describeShape.ts'
import type { Camera } from './geometry.ts'
import { TextEditor } from './TextEditor.tsx'
import { commitText, editorLook, type TextEditing } from './textEditing.ts'

type Options = {
  model: CanvasModel
  shapes: readonly Shape[]
  style: ShapeStyle
  cam: Camera
  /** The canvas, which takes the focus back when the editor is closed with a key. */
  viewRef: RefObject<HTMLElement | null>
  onGestureStart: () => void
  onSelection: (ids: string[]) => void
}

/**
 * The canvas's in-place text editing (textEditing.ts, TextEditor.tsx): `open` starts editing a
 * new text or note, or a shape's text; `editor` is the element to draw over the canvas.
 */
export function useTextEditing(options: Options): {
  open: (editing: TextEditing) => void
  editor: ReactNode
} {
  const { model, shapes, style, cam, viewRef } = options
  const [editing, setEditing] = useState<TextEditing | null>(null)

  // A shape deleted (by anyone) while its text is being edited closes the editor.
  useEffect(() => {
    if (editing?.kind === 'edit' && !shapes.some((s) => s.id === editing.id)) setEditing(null)
  }, [editing, shapes])

  /** Closes the editor: writes the text (one undo step) or, on cancel, nothing. */
  const finish = (text: string | null, fromKeyboard: boolean) => {
    const was = editing
    setEditing(null)
    if (fromKeyboard) viewRef.current?.focus({ preventScroll: true })
    if (!was || text === null) return
    const commit = commitText(was, text, style, was.kind === 'edit' ? model.get(was.id) : null)
    if (commit.kind === 'none') return
    options.onGestureStart()
    if (commit.kind === 'add') {
      const id = model.add(commit.init)
      options.onSelection([id])
      const added = model.get(id)
      if (added) announce(`Added ${describeShape(added)}`)
    } else if (commit.kind === 'update') model.update(commit.id, commit.patch)
    else model.delete([commit.id])
  }

  const shape = editing?.kind === 'edit' ? model.get(editing.id) : null
  const type = editing?.kind === 'new' ? editing.tool : shape?.type
  const editor = editing && (
    <TextEditor
      key={editing.kind === 'edit' ? editing.id : `new-${editing.at.x}-${editing.at.y}`}
      initial={shape?.text ?? ''}
      lookFor={(text) => editorLook(editing, text, style, shape)}
      cam={cam}
      label={type === 'sticky' ? 'Note text' : 'Text'}
      onDone={finish}
    />
  )
  return { open: setEditing, editor }
}
