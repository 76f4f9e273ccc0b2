import * as Y from 'yjs'
import type {
  CanvasMode,
  CanvasSnapshot,
  Shape,
  ShapeInit,
  ShapePatch,
  ShapeType,
  TileBoardConfig,
} from './types.ts'
import { SHAPE_TYPES } from './types.ts'
import { zKeyBetween } from './zKey.ts'

/** Top-level names in the Y.Doc: the stored format, never rename them. */
export const CANVAS_ROOTS = {
  shapes: 'canvas.shapes',
  meta: 'canvas.meta',
  tiles: 'canvas.tiles',
} as const

export const DEFAULT_STYLE = { stroke: '#1e1e1e', fill: 'none', strokeWidth: 2 } as const

/** A shape's unrotated bounding box, stored as ONE value under the shape map's `box` key. */
export type ShapeBox = { x: number; y: number; w: number; h: number }

/** The box fields of a shape; written together as `box`, never as separate keys. */
const BOX_FIELDS = ['x', 'y', 'w', 'h'] as const

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
] as const

export function newShapeId(): string {
  return `s${crypto.randomUUID().replaceAll('-', '').slice(0, 11)}`
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback
}

/** Paint order: z key, ties (concurrent "to front" on two replicas) broken by id. */
export function compareShapes(a: Pick<Shape, 'z' | 'id'>, b: Pick<Shape, 'z' | 'id'>): number {
  if (a.z !== b.z) return a.z < b.z ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Whether `v` is a usable stored `box` value: `{ x, y, w, h }`, all finite numbers. */
export function isShapeBox(v: unknown): v is ShapeBox {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false
  const b = v as Record<string, unknown>
  return BOX_FIELDS.every((f) => isFiniteNumber(b[f]))
}

/**
 * The shape's box: the atomic `box` value, or for documents written before it existed the
 * separate legacy keys `x`, `y`, `w`, `h` (missing ones read as 0).
 */
function readBox(m: Y.Map<unknown>): ShapeBox {
  const box = m.get('box')
  if (isShapeBox(box)) return { x: box.x, y: box.y, w: box.w, h: box.h }
  return {
    x: num(m.get('x'), 0),
    y: num(m.get('y'), 0),
    w: num(m.get('w'), 0),
    h: num(m.get('h'), 0),
  }
}

function readShape(id: string, m: Y.Map<unknown>): Shape | null {
  const type = m.get('type') as ShapeType
  if (!SHAPE_TYPES.includes(type)) return null
  const points = m.get('points')
  return {
    id,
    type,
    ...readBox(m),
    rotation: num(m.get('rotation'), 0),
    z: str(m.get('z'), ''),
    stroke: str(m.get('stroke'), DEFAULT_STYLE.stroke),
    fill: str(m.get('fill'), DEFAULT_STYLE.fill),
    strokeWidth: num(m.get('strokeWidth'), DEFAULT_STYLE.strokeWidth),
    points: Array.isArray(points) ? points.filter((p) => typeof p === 'number') : [],
    text: str(m.get('text'), ''),
    fontSize: num(m.get('fontSize'), 20),
  }
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

  get(id: string): Shape | null {
    const m = this.shapes.get(id)
    return m ? readShape(id, m) : null
  }

  /** Every shape, bottom first. */
  list(): Shape[] {
    const out: Shape[] = []
    for (const [id, m] of this.shapes) {
      const s = readShape(id, m)
      if (s) out.push(s)
    }
    return out.sort(compareShapes)
  }

  private topKey(): string | null {
    const all = this.list()
    return all.length ? (all[all.length - 1] as Shape).z : null
  }

  add(init: ShapeInit, id = newShapeId()): string {
    this.transact(() => {
      const m = new Y.Map<unknown>()
      m.set('type', init.type)
      const values: Record<string, unknown> = { ...DEFAULT_STYLE, rotation: 0, ...init }
      values.z = zKeyBetween(this.topKey(), null)
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

  delete(ids: Iterable<string>): void {
    this.transact(() => {
      for (const id of ids) this.shapes.delete(id)
    })
  }

  /** Copies the shapes above everything, offset by (dx, dy); returns the new ids in order. */
  duplicate(ids: Iterable<string>, dx = 16, dy = 16): string[] {
    const wanted = new Set(ids)
    const source = this.list().filter((s) => wanted.has(s.id))
    const out: string[] = []
    this.transact(() => {
      for (const s of source) {
        const { id: _id, z: _z, ...rest } = s
        out.push(this.add({ ...rest, x: s.x + dx, y: s.y + dy }))
      }
    })
    return out
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
    this.transact(() => {
      for (const s of moving) this.update(s.id, { z: zKeyBetween(this.topKey(), null) })
    })
  }

  toBack(ids: Iterable<string>): void {
    const wanted = new Set(ids)
    const moving = this.list()
      .filter((s) => wanted.has(s.id))
      .reverse()
    this.transact(() => {
      for (const s of moving) {
        const bottom = this.list()[0]
        if (bottom?.id === s.id) continue
        this.update(s.id, { z: zKeyBetween(null, bottom?.z || null) })
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
      shapes: this.list(),
      board: this.board,
      tiles: Object.fromEntries([...this.tiles.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    }
  }
}

export function tileKey(row: number, col: number): string {
  return `${row}:${col}`
}
