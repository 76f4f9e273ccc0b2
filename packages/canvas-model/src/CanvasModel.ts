import { HEX, randomId } from '@weft/protocol/randomId'
import * as Y from 'yjs'
import { resolveArrow } from './bindings.ts'
import { compareShapes } from './paintOrder.ts'
import {
  BOX_FIELDS,
  DEFAULT_STYLE,
  isShapeBox,
  readBox,
  readShape,
  type ShapeBox,
} from './readShape.ts'
import { ShapeCache } from './ShapeCache.ts'
import type {
  Binding,
  CanvasMode,
  CanvasSnapshot,
  Shape,
  ShapeInit,
  ShapePatch,
  TileBoardConfig,
} from './types.ts'
import { zKeyBetween } from './zKey.ts'

/** Top-level names in the Y.Doc: the stored format, never rename them. */
export const CANVAS_ROOTS = {
  shapes: 'canvas.shapes',
  meta: 'canvas.meta',
  tiles: 'canvas.tiles',
} as const

/** Fields stored one key each (the box is not among them: see `box`). */
const FIELDS = [
  'rotation',
  'z',
  'stroke',
  'fill',
  'strokeWidth',
  'points',
  'text',
  'fontSize',
  'asset',
  'group',
  'startBinding',
  'endBinding',
] as const

export function newShapeId(): string {
  return `s${randomId(11, HEX)}`
}

export function newGroupId(): string {
  return `g${randomId(11, HEX)}`
}

/**
 * The canvas document: shapes in a Y.Map of per-shape Y.Maps (so concurrent edits of different
 * properties of one shape both survive), plus a mode flag and an optional tile board.
 * A shape's geometry (x, y, w, h) is one value, `box`, replaced whole by every move or resize:
 * concurrent moves settle on exactly one writer's box, never on x from one and y from another.
 * Every write runs in one transaction with `origin`, which is what per-user undo tracks.
 */
export class CanvasModel {
  readonly doc: Y.Doc
  readonly shapes: Y.Map<Y.Map<unknown>>
  readonly meta: Y.Map<unknown>
  readonly tiles: Y.Map<number>
  readonly origin: unknown

  constructor(doc: Y.Doc, origin: unknown = null) {
    this.doc = doc
    this.origin = origin
    this.shapes = doc.getMap(CANVAS_ROOTS.shapes)
    this.meta = doc.getMap(CANVAS_ROOTS.meta)
    this.tiles = doc.getMap(CANVAS_ROOTS.tiles)
  }

  private transact(fn: () => void): void {
    this.doc.transact(fn, this.origin)
  }

  /**
   * The shape cache, made on the first read: models made only to write (the server's tile
   * placements) never register observers on the document.
   */
  private cache: ShapeCache | null = null

  private cached(): ShapeCache | null {
    this.cache ??= new ShapeCache(this.shapes)
    return this.cache.fresh ? this.cache : null
  }

  /** Stops the shape cache's observers; call when done with a model that was read from. */
  destroy(): void {
    this.cache?.destroy()
    this.cache = null
  }

  /** One shape; the same object as in `list()` while neither changed. */
  get(id: string): Shape | null {
    const cache = this.cached()
    if (cache) return cache.get(id)
    const m = this.shapes.get(id)
    return m ? readShape(id, m) : null
  }

  /**
   * Every shape, bottom first. From the cache (the same frozen array until the next change;
   * unchanged shapes keep their objects) except inside a transaction, where the document is read
   * directly so that a write earlier in the same transaction is seen.
   */
  list(): readonly Shape[] {
    const cache = this.cached()
    if (cache) return cache.list()
    const out: Shape[] = []
    for (const [id, m] of this.shapes) {
      const s = readShape(id, m)
      if (s) out.push(s)
    }
    return out.sort(compareShapes)
  }

  private topKey(): string | null {
    return this.list().at(-1)?.z ?? null
  }

  add(init: ShapeInit, id = newShapeId()): string {
    // The key is taken before the transaction opens, where the cache answers without a re-read.
    this.insert(init, zKeyBetween(this.topKey(), null), id)
    return id
  }

  private insert(init: ShapeInit, z: string, id = newShapeId()): string {
    this.transact(() => {
      const m = new Y.Map<unknown>()
      m.set('type', init.type)
      const values: Record<string, unknown> = { ...DEFAULT_STYLE, rotation: 0, ...init, z }
      m.set('box', { x: init.x, y: init.y, w: init.w, h: init.h } satisfies ShapeBox)
      for (const f of FIELDS) if (values[f] !== undefined) m.set(f, values[f])
      this.shapes.set(id, m)
    })
    return id
  }

  /**
   * Writes only the given fields, so a move and a recolour by two users both apply. Any of
   * x, y, w, h in the patch rewrites the whole `box` (the patch over the current box), one value,
   * so a move or resize is never mixed with someone else's concurrent one. A shape still stored
   * with the legacy separate keys is migrated by that write (the old keys are removed).
   */
  update(id: string, patch: ShapePatch): void {
    this.updateMany([[id, patch]])
  }

  updateMany(patches: Iterable<readonly [string, ShapePatch]>): void {
    this.transact(() => {
      for (const [id, patch] of patches) {
        const m = this.shapes.get(id)
        if (!m) continue
        if (BOX_FIELDS.some((f) => patch[f] !== undefined)) {
          const next = readBox(m)
          for (const f of BOX_FIELDS) {
            const v = patch[f]
            if (v !== undefined) next[f] = v
          }
          const stored = m.get('box')
          if (!isShapeBox(stored) || BOX_FIELDS.some((f) => stored[f] !== next[f])) {
            m.set('box', next)
          }
          for (const f of BOX_FIELDS) if (m.has(f)) m.delete(f)
        }
        for (const f of FIELDS) {
          const v = patch[f]
          if (v !== undefined && m.get(f) !== v) m.set(f, v)
        }
      }
    })
  }

  /**
   * Deletes the shapes. Arrows bound to one of them stay where they are drawn now and lose that
   * binding (otherwise they would jump back to where they were first drawn).
   */
  delete(ids: Iterable<string>): void {
    const gone = new Set(ids)
    const bound = this.list().filter(
      (s) =>
        !gone.has(s.id) && (gone.has(s.startBinding?.id ?? '') || gone.has(s.endBinding?.id ?? '')),
    )
    this.transact(() => {
      this.detach(
        bound.map((s) => s.id),
        (target) => gone.has(target),
      )
      for (const id of gone) this.shapes.delete(id)
    })
  }

  /**
   * Fixes the arrows where they are drawn now (their bound ends written as points) and drops
   * the bindings whose shape `drop` names: an arrow dragged away from its shapes, or whose
   * shape is deleted.
   */
  detach(arrowIds: Iterable<string>, drop: (target: string) => boolean): void {
    const arrows = [...arrowIds].flatMap((id) => this.get(id) ?? [])
    const drawn = arrows.map((a) => resolveArrow(a, (id) => this.get(id)))
    this.transact(() => {
      for (const [i, a] of arrows.entries()) {
        const d = drawn[i] as Shape
        const patch: ShapePatch = { x: d.x, y: d.y, w: d.w, h: d.h, points: d.points }
        if (d.rotation !== a.rotation) patch.rotation = d.rotation
        this.update(a.id, patch)
        if (a.startBinding && drop(a.startBinding.id)) this.bind(a.id, 'start', null)
        if (a.endBinding && drop(a.endBinding.id)) this.bind(a.id, 'end', null)
      }
    })
  }

  /** Copies the shapes above everything, offset by (dx, dy); returns the new ids in order. */
  duplicate(ids: Iterable<string>, dx = 16, dy = 16): string[] {
    const wanted = new Set(ids)
    // Bound arrows as drawn: a binding to a shape that is not copied with them is dropped.
    const source = this.list()
      .filter((s) => wanted.has(s.id))
      .map((s) => resolveArrow(s, (id) => this.get(id)))
    return this.addCopies(source, dx, dy)
  }

  /**
   * Adds copies of `shapes` (from this board or another) above everything, offset by (dx, dy),
   * with new ids: copies of one group form a new group, and an arrow bound to a shape copied
   * with it is bound to that copy (a binding to a shape left behind is dropped). Returns the new
   * ids in order.
   */
  addCopies(shapes: readonly Shape[], dx = 0, dy = 0): string[] {
    const ids = new Map(shapes.map((s) => [s.id, newShapeId()]))
    const groups = new Map<string, string>()
    const rebind = (b: Shape['startBinding']) => {
      const to = b && ids.get(b.id)
      return to && b ? { ...b, id: to } : undefined
    }
    const out: string[] = []
    // Keys chained from the top read once, before the transaction (see `list`).
    let z = this.topKey()
    this.transact(() => {
      for (const s of shapes) {
        const { id, z: _z, group, startBinding, endBinding, ...rest } = s
        z = zKeyBetween(z, null)
        const init: ShapeInit = { ...rest, x: s.x + dx, y: s.y + dy }
        if (group) {
          if (!groups.has(group)) groups.set(group, newGroupId())
          init.group = groups.get(group)
        }
        init.startBinding = rebind(startBinding)
        init.endBinding = rebind(endBinding)
        out.push(this.insert(init, z, ids.get(id)))
      }
    })
    return out
  }

  /**
   * Puts the shapes into one new group (shapes of other groups leave those); returns its id, or
   * null for fewer than two shapes.
   */
  group(ids: Iterable<string>): string | null {
    const members = [...new Set(ids)].filter((id) => this.shapes.has(id))
    if (members.length < 2) return null
    const id = newGroupId()
    this.transact(() => {
      for (const m of members) this.shapes.get(m)?.set('group', id)
    })
    return id
  }

  /** Takes the shapes out of their groups. */
  ungroup(ids: Iterable<string>): void {
    this.transact(() => {
      for (const id of ids) {
        const m = this.shapes.get(id)
        if (m?.has('group')) m.delete('group')
      }
    })
  }

  /** Sets or (with null) removes an arrow end's binding. */
  bind(id: string, end: 'start' | 'end', binding: Binding | null): void {
    const key = end === 'start' ? 'startBinding' : 'endBinding'
    this.transact(() => {
      const m = this.shapes.get(id)
      if (!m) return
      if (binding) m.set(key, { id: binding.id, x: binding.x, y: binding.y })
      else if (m.has(key)) m.delete(key)
    })
  }

  /** Moves one shape one step up (+1) or down (-1) past its neighbour. */
  step(id: string, direction: 1 | -1): void {
    const all = this.list()
    const i = all.findIndex((s) => s.id === id)
    if (i < 0) return
    const j = i + direction
    if (j < 0 || j >= all.length) return
    const past = all[j] as Shape
    const beyond = all[j + direction]
    // Squeeze between the neighbour and the one past it; equal keys (from a concurrent tie)
    // leave no room between, so fall back to the open end beyond the neighbour.
    let lo = direction === 1 ? past.z : (beyond?.z ?? null)
    let hi = direction === 1 ? (beyond?.z ?? null) : past.z
    if (lo !== null && hi !== null && lo >= hi) {
      if (direction === 1) hi = null
      else lo = null
    }
    this.update(id, { z: zKeyBetween(lo, hi) })
  }

  toFront(ids: Iterable<string>): void {
    const wanted = new Set(ids)
    const moving = this.list().filter((s) => wanted.has(s.id))
    let top = this.topKey()
    this.transact(() => {
      for (const s of moving) {
        top = zKeyBetween(top, null)
        this.update(s.id, { z: top })
      }
    })
  }

  toBack(ids: Iterable<string>): void {
    const wanted = new Set(ids)
    const moving = this.list()
      .filter((s) => wanted.has(s.id))
      .reverse()
    // Each shape goes below the one sent back before it (read once, before the transaction).
    let bottom: Pick<Shape, 'id' | 'z'> | undefined = this.list()[0]
    this.transact(() => {
      for (const s of moving) {
        if (bottom?.id === s.id) continue
        const z = zKeyBetween(null, bottom?.z || null)
        this.update(s.id, { z })
        bottom = { id: s.id, z }
      }
    })
  }

  get mode(): CanvasMode {
    return this.meta.get('mode') === 'tiles' ? 'tiles' : 'free'
  }

  get board(): TileBoardConfig | null {
    const b = this.meta.get('board') as TileBoardConfig | undefined
    return b && typeof b === 'object' ? b : null
  }

  /** Turns the document into a tile board (grid size and palette are fixed from then on). */
  startTileBoard(config: TileBoardConfig): void {
    this.transact(() => {
      this.meta.set('board', { cols: config.cols, rows: config.rows, palette: [...config.palette] })
      this.meta.set('mode', 'tiles')
    })
  }

  /** Paints one tile; `null` clears it. Out-of-range writes are ignored here and refused by the server. */
  setTile(row: number, col: number, colour: number | null): void {
    const b = this.board
    if (!b || row < 0 || col < 0 || row >= b.rows || col >= b.cols) return
    this.transact(() => {
      const key = tileKey(row, col)
      if (colour === null) this.tiles.delete(key)
      else if (colour >= 0 && colour < b.palette.length) this.tiles.set(key, colour)
    })
  }

  snapshot(): CanvasSnapshot {
    return {
      mode: this.mode,
      shapes: [...this.list()],
      board: this.board,
      tiles: Object.fromEntries([...this.tiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    }
  }
}

export function tileKey(row: number, col: number): string {
  return `${row}:${col}`
}
