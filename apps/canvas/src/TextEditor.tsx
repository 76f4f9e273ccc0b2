import { useEffect, useRef, useState } from 'react'
import { type Camera, TEXT } from './geometry.ts'
import type { EditorLook } from './textEditing.ts'

type Props = {
  /** The text the editor opens with. */
  initial: string
  /** Where and how it is drawn, for the text typed so far (textEditing.ts). */
  lookFor: (text: string) => EditorLook | null
  cam: Camera
  label: string
  /**
   * Called once: the text on commit, null on cancel. `fromKeyboard` says the user closed it with
   * a key (the canvas takes the focus back); a click elsewhere keeps the focus where it went.
   */
  onDone: (text: string | null, fromKeyboard: boolean) => void
}

/**
 * The in-place editor of a text or note: a textarea laid over the shape at the camera's zoom,
 * in the shape's font, colour and rotation. Enter starts a new line; Ctrl/⌘+Enter or a click
 * elsewhere commits; Escape cancels.
 */
export function TextEditor({ initial, lookFor, cam, label, onDone }: Props) {
  const [text, setText] = useState(initial)
  const ref = useRef<HTMLTextAreaElement>(null)
  // Blur follows Escape and a keyboard commit (the canvas takes the focus): close only once.
  const done = useRef(false)
  const finish = (value: string | null, fromKeyboard: boolean) => {
    if (done.current) return
    done.current = true
    onDone(value, fromKeyboard)
  }

  // Focused a frame later: when a press opened it, that press then focuses the canvas under it
  // (the mouse button's default action), which would close the editor at once.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      ref.current?.focus({ preventScroll: true })
      ref.current?.select()
    })
    return () => cancelAnimationFrame(frame)
  }, [])

  const look = lookFor(text)
  if (!look) return null
  const z = cam.zoom
  return (
    <textarea
      ref={ref}
      className="text-editor"
      data-testid="text-editor"
      aria-label={label}
      value={text}
      spellCheck
      style={{
        left: (look.x - cam.x) * z,
        top: (look.y - cam.y) * z,
        width: look.w * z,
        height: look.h * z,
        padding: look.inset * z,
        fontSize: look.fontSize * z,
        lineHeight: TEXT.lineHeight,
        color: look.colour,
        background: look.background,
        transform: look.rotation ? `rotate(${look.rotation}deg)` : undefined,
      }}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          finish(null, true)
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault()
          finish(text, true)
        }
      }}
      onBlur={() => finish(text, false)}
      // The canvas under it must not start a gesture (or take the focus) on a press in here.
      onPointerDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    />
  )
}
