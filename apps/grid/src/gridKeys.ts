import type { KeyboardEvent } from 'react'

/** Where the navigation keys beyond the plain arrows go (GridView resolves them on the view). */
export type Jump =
  | { to: 'dataEdge'; dRow: number; dCol: number }
  | { to: 'rowStart' | 'rowEnd' | 'sheetStart' | 'usedEnd' }
  | { to: 'page'; dir: 1 | -1 }

export type KeyboardActions = {
  move: (dRow: number, dCol: number, extend: boolean) => void
  jump: (jump: Jump, extend: boolean) => void
  edit: (initial?: string) => void
  clear: () => void
  undo: () => void
  redo: () => void
  selectAll: () => void
  fill: (direction: 'down' | 'right') => void
}

/**
 * Spreadsheet keys while not editing: arrows (Shift extends; Ctrl jumps to the edge of the data),
 * Home/End (row start/end; with Ctrl the sheet's first and last used cell), PageUp/PageDown
 * (a screenful), Shift+Enter moves up, Enter (as
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
  if (arrow && mod) {
    a.jump({ to: 'dataEdge', dRow: arrow[0], dCol: arrow[1] }, e.shiftKey)
  } else if (arrow) {
    a.move(arrow[0], arrow[1], e.shiftKey)
  } else if (key === 'Home') {
    a.jump({ to: mod ? 'sheetStart' : 'rowStart' }, e.shiftKey)
  } else if (key === 'End') {
    a.jump({ to: mod ? 'usedEnd' : 'rowEnd' }, e.shiftKey)
  } else if (key === 'PageDown' || key === 'PageUp') {
    a.jump({ to: 'page', dir: key === 'PageDown' ? 1 : -1 }, e.shiftKey)
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
