import * as Y from 'yjs'
import type { GridModel } from './GridModel.ts'
import { splitCellKey } from './ids.ts'
import type { CellEntry } from './types.ts'

export type Overwrite = {
  rowId: string
  colId: string
  /**
   * `lost`: someone's edit made at the same time as mine (neither saw the other) won the race;
   * `kept`: mine won such a race against someone else's (`loser`);
   * `replaced`: someone wrote over my value moments after seeing it.
   */
  kind: 'lost' | 'kept' | 'replaced'
  /** What this user wrote. */
  mine: string
  /** The value everyone now sees, with its author. */
  winner: CellEntry
  /** For `kept`: the other user's value that nobody sees now. */
  loser?: CellEntry
}

export type OverwriteWatcherOptions = {
  userId: string
  onOverwrite: (overwrite: Overwrite) => void
  /** How long after writing a cell a sequential overwrite (`replaced`) is still worth telling. */
  windowMs?: number
}

// Cells whose last own write is remembered (the most recent ones): bounds memory on huge sheets.
const REMEMBERED_CELLS = 10_000
// How far back a chain of overwrites of one cell is followed to decide "saw it or not".
const MAX_CHAIN = 1_000

/**
 * Tells a user when a cell they wrote now holds someone else's value, and when their value won.
 *
 * A race is told from the Yjs structure, not the clock, so one merged after an offline period is
 * reported too: every write of a map key records the write it was made on top of (the item's
 * `origin`). A remote write whose chain of origins does not reach my write was made without
 * seeing it: a concurrent edit. Whichever won the tie-break, both sides are told. A remote write
 * made on top of mine is a plain overwrite, told only within `windowMs` of my edit.
 */
export class OverwriteWatcher {
  readonly #model: GridModel
  readonly #options: Required<OverwriteWatcherOptions>
  /** cell key → my last write of it (its Yjs item id) and when. */
  readonly #mine = new Map<string, { id: Y.ID; v: string; at: number }>()
  readonly #listener: (tr: Y.Transaction) => void

  constructor(model: GridModel, options: OverwriteWatcherOptions) {
    this.#model = model
    this.#options = { windowMs: 5000, ...options }
    this.#listener = (tr) => this.#onTransaction(tr)
    model.doc.on('afterTransaction', this.#listener)
  }

  destroy(): void {
    this.#model.doc.off('afterTransaction', this.#listener)
  }

  #isLocal(origin: unknown): boolean {
    // Undo and redo of one's own edits come through the UndoManager.
    return origin === this.#model.origin || origin instanceof Y.UndoManager
  }

  #onTransaction(tr: Y.Transaction): void {
    const cells = this.#model.cells
    if (this.#isLocal(tr.origin)) {
      for (const [type, keys] of tr.changed) {
        if ((type as unknown) !== cells) continue
        for (const key of keys) if (key !== null) this.#rememberLocal(key)
      }
      return
    }
    // Every write of a cell this transaction brought in, per cell (also those that lost at once).
    const arrived = new Map<string, Y.Item[]>()
    for (const [client, after] of tr.afterState) {
      const before = tr.beforeState.get(client) ?? 0
      if (after <= before) continue
      const structs = tr.doc.store.clients.get(client) ?? []
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const s = structs[i]
        if (!s || s.id.clock >= after) break
        if (!(s instanceof Y.Item) || s.parent !== cells || !s.parentSub) continue
        if (!this.#mine.has(s.parentSub)) continue
        arrived.set(s.parentSub, [...(arrived.get(s.parentSub) ?? []), s])
      }
    }
    for (const [key, items] of arrived) this.#judge(key, items)
  }

  #rememberLocal(key: string): void {
    const item = this.#model.cells._map.get(key)
    const entry = this.#model.decode(this.#model.cells.get(key))
    // An undo back to someone else's value: that cell no longer holds a value of mine.
    if (!item || !entry || entry.by !== this.#options.userId) {
      this.#mine.delete(key)
      return
    }
    this.#mine.delete(key)
    this.#mine.set(key, { id: item.id, v: entry.v, at: Date.now() })
    if (this.#mine.size > REMEMBERED_CELLS) {
      const oldest = this.#mine.keys().next().value
      if (oldest !== undefined) this.#mine.delete(oldest)
    }
  }

  #judge(key: string, items: Y.Item[]): void {
    const mine = this.#mine.get(key)
    if (!mine) return
    const current = this.#model.cells._map.get(key)
    const winner = this.#model.decode(this.#model.cells.get(key))
    const [rowId, colId] = splitCellKey(key)
    // Deleted with its row or column: nothing was overwritten.
    if (!current || current.deleted || !winner) return
    const concurrent = items.filter((item) => !this.#madeOnTop(item, mine.id))
    const me = this.#options.userId
    if (Y.compareIDs(current.id, mine.id)) {
      const beaten = concurrent
        .map((item) => this.#model.decode(item.content.getContent()[0]))
        .filter((e) => e !== undefined && e.by !== me)
      const loser = beaten[beaten.length - 1]
      if (loser)
        this.#options.onOverwrite({ rowId, colId, kind: 'kept', mine: mine.v, winner, loser })
      return
    }
    this.#mine.delete(key)
    if (winner.by === me) return
    if (concurrent.length > 0) {
      this.#options.onOverwrite({ rowId, colId, kind: 'lost', mine: mine.v, winner })
    } else if (Date.now() - mine.at <= this.#options.windowMs) {
      this.#options.onOverwrite({ rowId, colId, kind: 'replaced', mine: mine.v, winner })
    }
  }

  /** Whether `item` was written by someone who had seen the write `id` (it is in its origins). */
  #madeOnTop(item: Y.Item, id: Y.ID): boolean {
    const store = this.#model.doc.store
    let origin = item.origin
    for (let step = 0; origin && step < MAX_CHAIN; step++) {
      if (Y.compareIDs(origin, id)) return true
      const prev = Y.getItem(store, origin)
      origin = prev instanceof Y.Item ? prev.origin : null
    }
    return false
  }
}
