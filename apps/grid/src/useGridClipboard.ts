import type { Author, FormulaEvaluator, GridModel } from '@weft/grid-model'
import { type RefObject, useEffect } from 'react'
import { clearRect, copyRect, pasteTsv, type ViewOrder } from './editing.ts'
import { pastedSelection } from './navigation.ts'
import type { Rect, Selection } from './selection.ts'

type Options = {
  /** The sheet container: the clipboard is the grid's only while it has focus. */
  target: RefObject<HTMLElement | null>
  rect: Rect | null
  view: ViewOrder
  model: GridModel
  evaluator: FormulaEvaluator
  author: Author
  onSelection: (selection: Selection) => void
  /** View only or a past version on screen: copying works, cutting and pasting do nothing. */
  readOnly?: boolean
}

/**
 * Copy, cut and paste of the selected block as TSV (what other spreadsheets exchange). Clipboard
 * events go to the document when a plain div has focus, so they are heard there and acted on
 * only while the grid (not an input) is focused.
 */
export function useGridClipboard({
  target,
  rect,
  view,
  model,
  evaluator,
  author,
  onSelection,
  readOnly = false,
}: Options) {
  useEffect(() => {
    const active = () => document.activeElement === target.current && rect !== null
    const onCopy = (e: ClipboardEvent) => {
      if (!active() || !rect) return
      e.clipboardData?.setData('text/plain', copyRect(evaluator, view, rect))
      e.preventDefault()
    }
    const onCut = (e: ClipboardEvent) => {
      if (!active() || !rect || readOnly) return
      onCopy(e)
      if (!readOnly) clearRect(model, author, view, rect)
    }
    const onPaste = (e: ClipboardEvent) => {
      if (!active() || !rect || readOnly) return
      const text = e.clipboardData?.getData('text/plain') ?? ''
      e.preventDefault()
      if (!text) return
      const written = pasteTsv(model, author, view, rect.top, rect.left, text)
      if (!written) return
      // Select what was pasted, so the user sees the block that arrived.
      const selection = pastedSelection(view, written, model.layout())
      if (selection) onSelection(selection)
    }
    document.addEventListener('copy', onCopy)
    document.addEventListener('cut', onCut)
    document.addEventListener('paste', onPaste)
    return () => {
      document.removeEventListener('copy', onCopy)
      document.removeEventListener('cut', onCut)
      document.removeEventListener('paste', onPaste)
    }
  }, [target, rect, view, model, author, evaluator, onSelection, readOnly])
}
