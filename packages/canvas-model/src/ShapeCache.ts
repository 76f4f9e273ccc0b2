import type * as Y from 'yjs'
import { compareShapes } from './paintOrder.ts'
import { readShape } from './readShape.ts'
import type { Binding, Shape } from './types.ts'

/**
 * Every shape of a canvas, read once and kept in paint order, then updated from `observeDeep`
 * events so that a change re-reads only the shapes it touched (a drag step re-reads one shape
 * instead of reading and sorting thousands).
 *
 * - Unchanged shapes keep their object identity across changes, so a memoised view of a shape
 *   can skip by reference; a write that leaves a shape's values equal keeps its object too.
 * - `list()` returns the same frozen array until something changes, then a new one: callers may
 *   compare arrays by reference and never see one change under them.
 * - Between the start of a transaction and the end of its observer calls the cache is behind the
 *   document (Yjs reports changes only after a transaction); `fresh` says so, and the model then
 *   reads the document directly instead.
 */
export class ShapeCache {
  private readonly doc: Y.Doc
  private readonly shapes: Y.Map<Y.Map<unknown>>
  private readonly byId = new Map<string, Shape>()
  private ordered: readonly Shape[] = []
  /** Transactions begun whose observers have not all run yet (nested ones start inside those). */
  private open: number

  constructor(shapes: Y.Map<Y.Map<unknown>>) {
    this.shapes = shapes
    this.doc = shapes.doc as Y.Doc
    // Built inside a transaction (e.g. by an observer of someone else), the cache only becomes
    // trustworthy once that transaction has been cleaned up.
    this.open = this.doc._transaction ? 1 : 0
    this.doc.on('beforeTransaction', this.onBegin)
    this.doc.on('afterTransaction', this.onEnd)
    this.shapes.observeDeep(this.onEvents)
    this.apply(new Set(this.shapes.keys()))
  }

  /** Whether the cache matches the document now (false while a transaction is running). */
  get fresh(): boolean {
    return this.open === 0
  }

  /** Every shape, bottom first (frozen; a new array after each change, the same one otherwise). */
  list(): readonly Shape[] {
    return this.ordered
  }

  get(id: string): Shape | null {
    return this.byId.get(id) ?? null
  }

  destroy(): void {
    this.doc.off('beforeTransaction', this.onBegin)
    this.doc.off('afterTransaction', this.onEnd)
    this.shapes.unobserveDeep(this.onEvents)
  }

  private readonly onBegin = () => {
    this.open += 1
  }

  // Yjs calls deep observers before `afterTransaction`, so by now the cache has the changes.
  private readonly onEnd = () => {
    this.open = Math.max(0, this.open - 1)
  }

  private readonly onEvents = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>()
    for (const e of events) {
      if (e.target === this.shapes) {
        for (const key of (e as Y.YMapEvent<unknown>).keysChanged) ids.add(key)
      } else {
        // A change inside one shape's map (or deeper): the first path step is the shape id.
        const id = e.path[0]
        if (typeof id === 'string') ids.add(id)
      }
    }
    this.apply(ids)
  }

  /**
   * Re-reads `ids` and rebuilds the ordered array in one merge pass: shapes whose z key is
   * unchanged are swapped in place, the rest leave their place and are merged back in order.
   * Re-reading is idempotent, so an id reported twice (or already current) is harmless.
   */
  private apply(ids: Iterable<string>): void {
    const gone = new Set<string>()
    const swapped = new Map<string, Shape>()
    const placed: Shape[] = []
    for (const id of ids) {
      const before = this.byId.get(id)
      const m = this.shapes.get(id)
      const read = m ? readShape(id, m) : null
      if (before && read && sameShape(before, read)) continue
      const now = read ? freeze(read) : null
      if (now) this.byId.set(id, now)
      else this.byId.delete(id)
      if (before && now && before.z === now.z) {
        swapped.set(id, now)
        continue
      }
      if (before) gone.add(id)
      if (now) placed.push(now)
    }
    if (!gone.size && !swapped.size && !placed.length) return
    placed.sort(compareShapes)
    const out: Shape[] = []
    let j = 0
    for (const old of this.ordered) {
      if (gone.has(old.id)) continue
      const s = swapped.get(old.id) ?? old
      while (j < placed.length && compareShapes(placed[j] as Shape, s) < 0) {
        out.push(placed[j++] as Shape)
      }
      out.push(s)
    }
    while (j < placed.length) out.push(placed[j++] as Shape)
    this.ordered = Object.freeze(out)
  }
}

function freeze(s: Shape): Shape {
  Object.freeze(s.points)
  return Object.freeze(s)
}

function sameBinding(a: Binding | undefined, b: Binding | undefined): boolean {
  return a === b || (!!a && !!b && a.id === b.id && a.x === b.x && a.y === b.y)
}

/** Whether two reads of one shape hold the same values. */
export function sameShape(a: Shape, b: Shape): boolean {
  return (
    a.id === b.id &&
    a.type === b.type &&
    a.x === b.x &&
    a.y === b.y &&
    a.w === b.w &&
    a.h === b.h &&
    a.rotation === b.rotation &&
    a.z === b.z &&
    a.stroke === b.stroke &&
    a.fill === b.fill &&
    a.strokeWidth === b.strokeWidth &&
    a.asset === b.asset &&
    a.text === b.text &&
    a.fontSize === b.fontSize &&
    a.group === b.group &&
    sameBinding(a.startBinding, b.startBinding) &&
    sameBinding(a.endBinding, b.endBinding) &&
    a.points.length === b.points.length &&
    a.points.every((v, i) => v === b.points[i])
  )
}
