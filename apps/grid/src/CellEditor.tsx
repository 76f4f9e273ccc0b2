import { useEffect, useRef } from 'react'

type Props = {
  top: number
  left: number
  width: number
  height: number
  address: string
  initial: string
  /** Started by typing: arrows then commit and move, as in a spreadsheet. */
  replace: boolean
  /** text null = cancelled; then = where to move after committing. */
  onDone: (text: string | null, then?: [number, number]) => void
}

/** In-cell editor; Enter/Tab commit and move on, Esc cancels, blur commits. */
export function CellEditor(props: Props) {
  const ref = useRef<HTMLInputElement>(null)
  const done = useRef(false)

  useEffect(() => {
    const input = ref.current
    if (!input) return
    input.focus()
    input.setSelectionRange(input.value.length, input.value.length)
  }, [])

  const finish = (text: string | null, then?: [number, number]) => {
    if (done.current) return
    done.current = true
    props.onDone(text, then)
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    }
    if (e.key === 'Enter') finish(value, [e.shiftKey ? -1 : 1, 0])
    else if (e.key === 'Tab') finish(value, [0, e.shiftKey ? -1 : 1])
    else if (e.key === 'Escape') finish(null)
    else if (props.replace && moves[e.key]) finish(value, moves[e.key])
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
      onBlur={(e) => finish(e.currentTarget.value)}
    />
  )
}
