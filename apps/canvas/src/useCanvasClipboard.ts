import { type CanvasModel, resolveArrow } from '@weft/canvas-model'
import { announce } from '@weft/react'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { CLIPBOARD_MIME, decodeClipboard, encodeClipboard } from './clipboardPayload.ts'

/** Where pasted shapes land: this far right of and below where they were copied from. */
const PASTE_OFFSET = 16

type Options = {
  model: CanvasModel
  selection: string[]
  onSelection: (ids: string[]) => void
  /** Starts a new undo step (a cut or a paste is one). */
  onGestureStart: () => void
  readOnly: boolean
}

/**
 * Ctrl/⌘+C, X and V on the focused canvas, through the system clipboard's copy, cut and paste
 * events (so another board, tab or window of the browser can take them). Only Weft payloads are
 * handled here: a paste of anything else (an image, plain text) is left to other handlers.
 * Returns the message of the last refused paste (shown until `dismiss`).
 */
export function useCanvasClipboard(
  viewRef: RefObject<HTMLElement | null>,
  options: Options,
): { notice: string | null; dismiss: () => void } {
  const [notice, setNotice] = useState<string | null>(null)
  // The listeners stay attached; they read the latest selection and model from here.
  const latest = useRef(options)
  latest.current = options

  useEffect(() => {
    const view = viewRef.current
    if (!view) return
    // On the document, for the canvas when it has the focus: the browser aims a clipboard event
    // at the focused element or at the selection's node, and the canvas holds no text selection.
    const ours = () => document.activeElement === view
    const copy = (e: ClipboardEvent, cut: boolean) => {
      const { model, selection, onGestureStart, onSelection, readOnly } = latest.current
      // Bound arrows as drawn: a binding to a shape left behind is dropped on paste.
      const shapes = selection.flatMap((id) => {
        const s = model.get(id)
        return s ? resolveArrow(s, (t) => model.get(t)) : []
      })
      if (!ours() || !e.clipboardData || shapes.length === 0) return
      e.preventDefault()
      const payload = encodeClipboard(shapes)
      e.clipboardData.setData(CLIPBOARD_MIME, payload)
      e.clipboardData.setData('text/plain', payload)
      const what = shapes.length === 1 ? '1 shape' : `${shapes.length} shapes`
      if (cut && !readOnly) {
        onGestureStart()
        model.delete(selection)
        onSelection([])
        announce(`Cut ${what}`)
      } else announce(`Copied ${what}`)
    }
    const onCopy = (e: ClipboardEvent) => copy(e, false)
    const onCut = (e: ClipboardEvent) => copy(e, true)
    const onPaste = (e: ClipboardEvent) => {
      const { model, onGestureStart, onSelection, readOnly } = latest.current
      if (!ours() || !e.clipboardData || readOnly) return
      const text = e.clipboardData.getData(CLIPBOARD_MIME) || e.clipboardData.getData('text/plain')
      const decoded = decodeClipboard(text)
      if (decoded.kind === 'foreign') return
      e.preventDefault()
      if (decoded.kind === 'refused') {
        setNotice(decoded.reason)
        announce(decoded.reason)
        return
      }
      onGestureStart()
      const ids = model.addCopies(decoded.shapes, PASTE_OFFSET, PASTE_OFFSET)
      onSelection(ids)
      setNotice(null)
      announce(`Pasted ${ids.length === 1 ? '1 shape' : `${ids.length} shapes`}`)
    }
    // Chromium enables Copy, Cut and Paste with no text selected only for a page that says it
    // handles them: a cancelled `beforecopy` (…) event. Without it Ctrl+C on the canvas does nothing.
    const enable = (e: Event) => {
      if (!ours()) return
      if (e.type === 'beforepaste' || latest.current.selection.length > 0) e.preventDefault()
    }
    const listeners = [
      ['beforecopy', enable],
      ['beforecut', enable],
      ['beforepaste', enable],
      ['copy', onCopy],
      ['cut', onCut],
      ['paste', onPaste],
    ] as const
    for (const [type, listener] of listeners)
      document.addEventListener(type, listener as EventListener)
    return () => {
      for (const [type, listener] of listeners) {
        document.removeEventListener(type, listener as EventListener)
      }
    }
  }, [viewRef])

  return { notice, dismiss: () => setNotice(null) }
}
