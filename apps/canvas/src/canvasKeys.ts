import { TOOLS, type Tool } from './tools.ts'

/** What a key does on the focused canvas (CanvasView runs it); null: not the canvas's key. */
export type CanvasCommand =
  | { kind: 'tool'; tool: Tool }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'duplicate' }
  /** Ctrl/⌘+A: every shape on the board. */
  | { kind: 'selectAll' }
  | { kind: 'delete' }
  /** Ctrl/⌘+G, Ctrl/⌘+Shift+G. */
  | { kind: 'group' }
  | { kind: 'ungroup' }
  | { kind: 'escape' }
  /** Enter or Space with a drawing tool: the shape, at the middle of the view. */
  | { kind: 'create' }
  /** Enter with one text or note selected: edit its text. */
  | { kind: 'edit' }
  | { kind: 'move'; dx: number; dy: number }
  /** Ctrl/⌘+arrows move the bottom-right handle; with Alt, the top-left one. */
  | { kind: 'resize'; handle: 'se' | 'nw'; dw: number; dh: number }
  | { kind: 'pan'; dx: number; dy: number }
  /** N / Shift+N: select the next / previous shape, in drawing order. */
  | { kind: 'cycle'; step: 1 | -1 }
  | null

export type KeyLike = {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
}

/** Canvas units per arrow press; Shift for fine steps. */
export const STEP = 10
export const FINE_STEP = 1
/** Screen pixels per arrow press when panning (nothing selected). */
export const PAN_STEP = 50

/**
 * The canvas's keyboard, only while it has focus (so tool letters never fire on a button or
 * a field): tool letters, Enter/Space to draw, arrows to move the selection (Ctrl/Cmd+arrows
 * resize it; with nothing selected they pan), N to walk the shapes, Delete, Escape, and
 * Ctrl/Cmd+Z, Y, D, A.
 */
export function canvasCommand(e: KeyLike, tool: Tool, hasSelection: boolean): CanvasCommand {
  const mod = e.ctrlKey || e.metaKey
  const key = e.key.toLowerCase()
  const arrow = ARROWS[e.key]
  if (arrow) {
    if (e.altKey && !(mod && hasSelection)) return null
    const step = e.shiftKey ? FINE_STEP : STEP
    if (!hasSelection)
      return mod ? null : { kind: 'pan', dx: arrow[0] * PAN_STEP, dy: arrow[1] * PAN_STEP }
    if (mod) {
      const handle = e.altKey ? 'nw' : 'se'
      return { kind: 'resize', handle, dw: arrow[0] * step, dh: arrow[1] * step }
    }
    return { kind: 'move', dx: arrow[0] * step, dy: arrow[1] * step }
  }
  if (mod && !e.altKey) {
    if (key === 'z') return { kind: e.shiftKey ? 'redo' : 'undo' }
    if (key === 'y') return { kind: 'redo' }
    if (key === 'd') return { kind: 'duplicate' }
    if (key === 'a' && !e.shiftKey) return { kind: 'selectAll' }
    if (key === 'g') return { kind: e.shiftKey ? 'ungroup' : 'group' }
    return null
  }
  if (e.altKey) return null
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete' }
  if (e.key === 'Escape') return { kind: 'escape' }
  if (e.key === 'Enter' || e.key === ' ') {
    if (tool !== 'select') return { kind: 'create' }
    return e.key === 'Enter' && hasSelection ? { kind: 'edit' } : null
  }
  if (key === 'n') return { kind: 'cycle', step: e.shiftKey ? -1 : 1 }
  const t = TOOLS.find((x) => x.key === key)
  return t ? { kind: 'tool', tool: t.tool } : null
}
