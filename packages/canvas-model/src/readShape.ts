import type * as Y from 'yjs'
import type { Binding, Shape, ShapeType } from './types.ts'
import { SHAPE_TYPES } from './types.ts'

export const DEFAULT_STYLE = { stroke: '#1e1e1e', fill: 'none', strokeWidth: 2 } as const

/** A shape's unrotated bounding box, stored as ONE value under the shape map's `box` key. */
export type ShapeBox = { x: number; y: number; w: number; h: number }

/** The box fields of a shape; written together as `box`, never as separate keys. */
export const BOX_FIELDS = ['x', 'y', 'w', 'h'] as const

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback
}

function str(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : fallback
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
export function readBox(m: Y.Map<unknown>): ShapeBox {
  const box = m.get('box')
  if (isShapeBox(box)) return { x: box.x, y: box.y, w: box.w, h: box.h }
  return {
    x: num(m.get('x'), 0),
    y: num(m.get('y'), 0),
    w: num(m.get('w'), 0),
    h: num(m.get('h'), 0),
  }
}

/** One shape as plain data with defaults filled in; null for an unknown type (skipped). */
export function readShape(id: string, m: Y.Map<unknown>): Shape | null {
  const type = m.get('type') as ShapeType
  if (!SHAPE_TYPES.includes(type)) return null
  const points = m.get('points')
  const asset = m.get('asset')
  const shape: Shape = {
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
    ...(type === 'image' && typeof asset === 'string' ? { asset } : {}),
  }
  // Optional fields appear only when set, so older shapes read as they always did.
  const group = m.get('group')
  if (typeof group === 'string' && group) shape.group = group
  if (type === 'arrow') {
    const start = m.get('startBinding')
    const end = m.get('endBinding')
    if (isBinding(start)) shape.startBinding = { id: start.id, x: start.x, y: start.y }
    if (isBinding(end)) shape.endBinding = { id: end.id, x: end.x, y: end.y }
  }
  return shape
}

/** Whether `v` is a usable stored binding: a shape id and a point inside its box (0..1). */
export function isBinding(v: unknown): v is Binding {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return false
  const b = v as Record<string, unknown>
  const unit = (n: unknown) => isFiniteNumber(n) && n >= 0 && n <= 1
  return typeof b.id === 'string' && SHAPE_ID.test(b.id) && unit(b.x) && unit(b.y)
}

/** Shape ids as `newShapeId` makes them, and any a test or an older client wrote (bounded). */
export const SHAPE_ID = /^[A-Za-z0-9_-]{1,64}$/

/** Group ids as `newGroupId` makes them (bounded, plain characters). */
export const GROUP_ID = /^g[A-Za-z0-9_-]{1,63}$/
