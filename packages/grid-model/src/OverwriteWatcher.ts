import * as Y from 'yjs'
import type { GridModel } from './GridModel.ts'
import { splitCellKey } from './ids.ts'
import type { CellEntry } from './types.ts'

export type Overwrite = {
  rowId: string
  colId: string
  /** What this user wrote. */
  mine: string
  /** The value everyone now sees, with its author. */
  winner: CellEntry
}

export type OverwriteWatcherOptions = {
  userId: string
  onOverwrite: (overwrite: Overwrite) => void
  /** How long after writing a cell a remote overwrite is still worth telling about. */
  windowMs?: number
}

/**
 * Tells a user when a cell they wrote moments ago now holds someone else's
 * value: either a concurrent edit that won the Yjs tie-break (both writes were
 * in flight at once, one value survives for everyone), or an edit that simply
 * landed right after theirs.
 */
export class OverwriteWatcher {
  readonly #model: GridModel
  readonly #options: Required<OverwriteWatcherOptions>
  readonly #recent = new Map<string, { v: string; at: number }>()
  readonly #observer: (event: Y.YMapEvent<CellEntry>, tr: Y.Transaction) => void

  constructor(model: GridModel, options: OverwriteWatcherOptions) {
    this.#model = model
    this.#options = { windowMs: 5000, ...options }
    this.#observer = (event, tr) => this.#onChange(event, tr)
    model.cells.observe(this.#observer)
  }

  destroy(): void {
    this.#model.cells.unobserve(this.#observer)
  }

  #isLocal(origin: unknown): boolean {
    // Undo and redo of one's own edits come through the UndoManager.
    return origin === this.#model.origin || origin instanceof Y.UndoManager
  }

  #onChange(event: Y.YMapEvent<CellEntry>, tr: Y.Transaction): void {
    const now = Date.now()
    const local = this.#isLocal(tr.origin)
    for (const key of event.keysChanged) {
      const entry = this.#model.cells.get(key)
      if (local) {
        if (entry && entry.by === this.#options.userId)
          this.#recent.set(key, { v: entry.v, at: now })
        continue
      }
      const mine = this.#recent.get(key)
      if (!mine) continue
      if (now - mine.at > this.#options.windowMs) {
        this.#recent.delete(key)
        continue
      }
      // Deleted with its row or column: nothing was overwritten.
      if (!entry || entry.by === this.#options.userId) continue
      this.#recent.delete(key)
      const [rowId, colId] = splitCellKey(key)
      this.#options.onOverwrite({ rowId, colId, mine: mine.v, winner: entry })
    }
    if (this.#recent.size > 1000) {
      for (const [key, w] of this.#recent) {
        if (now - w.at > this.#options.windowMs) this.#recent.delete(key)
      }
    }
  }
}
