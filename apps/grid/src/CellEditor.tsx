import { type RefObject, useEffect, useImperativeHandle, useRef } from 'react'
import { canPick, type Pick, placeRef } from './formulaPicking.ts'

/** A cell of the view by index (row and column in what this user sees). */
export type ViewCell = { row: number; col: number }

/** What the sheet asks of the open editor when the mouse points at cells. */
export type EditorHandle = {
  text: () => string
  /** True when a click on a cell should put a reference in the formula instead of leaving. */
  canPoint: () => boolean
  point: (anchor: ViewCell, focus: ViewCell) => void
}

type Props = {
  top: number
  left: number
  width: number
  height: number
  address: string
  initial: string
  /** Started by typing: arrows then commit and move, as in a spreadsheet. */
  replace: boolean
  /** The edited cell, where pointing with the arrow keys starts. */
  origin: ViewCell
  /** The A1 text of a block of the view (sheet addresses), clamped to the sheet. */
  refFor: (anchor: ViewCell, focus: ViewCell) => { ref: string; anchor: ViewCell; focus: ViewCell }
  /** The block pointed at (to draw it), or null when pointing ends. */
  onPointed: (block: { anchor: ViewCell; focus: ViewCell } | null) => void
  /** Every change of the text, for the formula bar. */
  onText: (text: string) => void
  handle: RefObject<EditorHandle | null>
  /** text null = cancelled; then = where to move after committing. */
  onDone: (text: string | null, then?: [number, number]) => void
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
}

/**
 * In-cell editor; Enter/Tab commit and move on, Esc cancels, blur commits. In a formula, after an
 * operator, arrows and clicks point at cells and put their reference at the caret (formulaPicking).
 */
export function CellEditor(props: Props) {
  const { onText } = props
  const ref = useRef<HTMLInputElement>(null)
  const done = useRef(false)
  const pick = useRef<Pick | null>(null)
  const pointed = useRef<{ anchor: ViewCell; focus: ViewCell } | null>(null)

  useEffect(() => {
    const input = ref.current
    if (!input) return
    input.focus()
    input.setSelectionRange(input.value.length, input.value.length)
    onText(input.value)
  }, [onText])

  const pointable = () => {
    const input = ref.current
    if (!input) return false
    if (pick.current && input.selectionStart === pick.current.end) return true
    return canPick(input.value, input.selectionStart ?? input.value.length)
  }

  const point = (anchor: ViewCell, focus: ViewCell) => {
    const input = ref.current
    if (!input) return
    const block = props.refFor(anchor, focus)
    const caret = input.selectionStart ?? input.value.length
    const placed = placeRef(input.value, caret, pick.current, block.ref)
    input.value = placed.text
    input.setSelectionRange(placed.pick.end, placed.pick.end)
    pick.current = placed.pick
    pointed.current = { anchor: block.anchor, focus: block.focus }
    props.onPointed(pointed.current)
    props.onText(placed.text)
  }

  useImperativeHandle(props.handle, () => ({
    text: () => ref.current?.value ?? '',
    canPoint: pointable,
    point,
  }))

  const finish = (text: string | null, then?: [number, number]) => {
    if (done.current) return
    done.current = true
    props.onPointed(null)
    props.onDone(text, then)
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value
    const move = MOVES[e.key]
    if (e.key === 'Enter') finish(value, [e.shiftKey ? -1 : 1, 0])
    else if (e.key === 'Tab') finish(value, [0, e.shiftKey ? -1 : 1])
    else if (e.key === 'Escape') finish(null)
    else if (move && pointable()) {
      // Arrows walk from the cell pointed at last (or the edited cell); Shift stretches a range.
      const from = pointed.current ?? { anchor: props.origin, focus: props.origin }
      const focus = { row: from.focus.row + move[0], col: from.focus.col + move[1] }
      point(e.shiftKey ? from.anchor : focus, focus)
    } else if (props.replace && move) finish(value, move)
    else return
    e.preventDefault()
    e.stopPropagation()
  }

  return (
    <input
      ref={ref}
      className="cell-editor"
      aria-label={`Edit ${props.address}`}
      data-testid="cell-editor"
      defaultValue={props.initial}
      style={{ top: props.top, left: props.left, width: props.width, height: props.height }}
      onKeyDown={onKeyDown}
      onChange={(e) => {
        // Typing ends pointing: the next arrow or click adds a new reference or leaves.
        pick.current = null
        pointed.current = null
        props.onPointed(null)
        props.onText(e.currentTarget.value)
      }}
      onBlur={(e) => finish(e.currentTarget.value)}
    />
  )
}
