import type { KeyboardEvent } from 'react'

export type KeyboardActions = {
  move: (dRow: number, dCol: number, extend: boolean) => void
  edit: (initial?: string) => void
  clear: () => void
  undo: () => void
  redo: () => void
  selectAll: () => void
  fill: (direction: 'down' | 'right') => void
}

/**
 * Spreadsheet keys while not editing: arrows (Shift extends), Shift+Enter moves up, Enter (as
 * in Google Sheets), F2 or typing starts an edit, Delete/Backspace clear the
 * range, Ctrl+D / Ctrl+R fill down / right, Ctrl/Cmd+Z / Ctrl+Y / Ctrl+Shift+Z undo and redo this user's edits.
 * Copy and paste go through the clipboard events, not here. Tab is not the sheet's: it leaves
 * for the sort buttons and the rest of the page (WAI-ARIA grid pattern), so no one is trapped.
 */
export function handleGridKey(e: KeyboardEvent, a: KeyboardActions): void {
  const mod = e.ctrlKey || e.metaKey
  const key = e.key
  const arrows: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
  }
  const arrow = arrows[key]
  if (arrow) {
    a.move(arrow[0], arrow[1], e.shiftKey)
  } else if (key === 'Enter') {
    if (e.shiftKey) a.move(-1, 0, false)
    else a.edit()
  } else if (key === 'F2') {
    a.edit()
  } else if (key === 'Delete' || key === 'Backspace') {
    a.clear()
  } else if (mod && key.toLowerCase() === 'z') {
    if (e.shiftKey) a.redo()
    else a.undo()
  } else if (mod && key.toLowerCase() === 'y') {
    a.redo()
  } else if (mod && key.toLowerCase() === 'd') {
    a.fill('down')
  } else if (mod && key.toLowerCase() === 'r') {
    a.fill('right')
  } else if (mod && key.toLowerCase() === 'a') {
    a.selectAll()
  } else if (!mod && !e.altKey && key.length === 1) {
    // Typing replaces the cell's content, as in every spreadsheet.
    a.edit(key)
  } else {
    return
  }
  e.preventDefault()
}
